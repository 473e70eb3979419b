import { isMap, valuesEqual, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import { resIdString } from "../resource/res-id.js";
import { type ResMap, sameId } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { VALIDATED_BY_LABEL, fieldWriteCount } from "../resource/field-writes.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { loadPluginConfigs } from "./plugin-configs.js";
import { applyBuiltinTransformer } from "./transformers-field.js";

/**
 * The `validators:` field: configs loaded as the `transformers:` field loads them, each run as a
 * transformer on the accumulated resources, after the transformers. A validator must leave the
 * resources as they were, or the build fails. kubectl compares YAML nodes, positions included,
 * so a field written with the value it already had is a change too (see resource/field-writes.ts);
 * writes by other means are judged by comparing values.
 */
export function runValidatorsField(ctx: BuildContext, acc: Accumulator, loader: FileLoader, entries: string[]): void {
  const file = `${loader.root}/kustomization.yaml`;
  for (const cfg of loadPluginConfigs(ctx, loader, entries, "validators", file)) {
    const before = acc.resMap.clone();
    const writesBefore = fieldWriteCount();
    applyBuiltinTransformer(ctx, acc, loader, cfg, "validators", file);
    const change = fieldWriteCount() !== writesBefore ? "a field was written" : firstChange(before, acc.resMap);
    if (change !== undefined) {
      throw new KustomizeError("TRANSFORMER", `validator shouldn't modify the resource map: ${change}`, file);
    }
  }
}

/** kustomize's ErrorIfNotEqualSets, after dropping the validated-by label from the new set. */
function firstChange(before: ResMap, after: ResMap): string | undefined {
  const old = before.resources();
  const now = after.resources();
  if (old.length !== now.length) return `lists have different number of entries: ${old.length} doesn't equal ${now.length}`;
  for (const r of old) {
    const matches = now.filter((n) => sameId(n.id(), r.id()));
    if (matches.length !== 1) return `id in self matches ${matches.length} in other; id: ${resIdString(r.id())}`;
    const compared = withoutValidatedBy(matches[0]!);
    if (compared === undefined || !valuesEqual(r.obj, compared)) return `nodes unequal: ${resIdString(r.id())}`;
  }
  return undefined;
}

/**
 * The manifest as kustomize compares it: a validated-by label is deleted and the labels written
 * back, which leaves no trace only when no other label remains (the map is then removed). Other
 * labels would be written back as new nodes, which kubectl's comparison never finds equal:
 * undefined then, for a certain change.
 */
function withoutValidatedBy(r: Resource): YamlValue | undefined {
  const metadata = r.metadata;
  const labels = metadata?.labels;
  if (!metadata || !isMap(labels) || !Object.hasOwn(labels, VALIDATED_BY_LABEL)) return r.obj;
  if (Object.keys(labels).length > 1) return undefined;
  const { labels: _validatedBy, ...rest } = metadata;
  return { ...r.obj, metadata: rest };
}
