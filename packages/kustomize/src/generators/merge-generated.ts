import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { isMap, setEntry } from "@kfrender/yaml";
import { ORIGIN_ANNOTATION } from "../build-metadata/origin.js";
import { KustomizeError } from "../errors.js";
import { resIdString } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { goJson, goResIdLiteral } from "./go-format.js";
import { assertPlainStringKeys } from "./plain-keys.js";

/**
 * Adds generated resources to `resMap` one at a time, as kustomize's AbsorbAll does. A resource
 * is matched against every current and previous id in the map (so an overlay names a base's
 * ConfigMap as the base generated it, before prefixes, namespaces or hashes):
 * - no match: `create` (or no behavior) appends; `merge`/`replace` is an error;
 * - one match: `merge`/`replace` replaces it in place, keeping its identity; `create` is an error;
 * - several matches: an error.
 * `file` is the kustomization that declared the generators, named in errors.
 */
export function mergeGeneratedIntoResMap(resMap: ResMap, generated: Resource[], file?: string): void {
  for (const res of generated) {
    const id = res.id();
    const matches = resMap.byAnyId(id);
    if (matches.length === 0) {
      if (res.behavior === "merge" || res.behavior === "replace") {
        throw fail(`id ${goResIdLiteral(id)} does not exist; cannot merge or replace`, file);
      }
      resMap.append(res);
      continue;
    }
    if (matches.length > 1) {
      const objs = matches.map((m) => goJson(m.obj)).join(" ");
      throw fail(`found multiple objects [${objs}] that could accept merge of ${resIdString(id)}`, file);
    }
    const old = matches[0]!;
    const behavior = res.behavior;
    if (behavior !== "merge" && behavior !== "replace") {
      throw fail(`id ${goResIdLiteral(id)} exists; behavior must be merge or replace`, file);
    }
    // buildMetadata: what a merge updates keeps its origin; a replacement has only its own (set
    // before this call by built-in generators, just after it for `generators:` configs).
    const oldOrigin = old.annotations()[ORIGIN_ANNOTATION];
    const ownOrigin = res.annotations()[ORIGIN_ANNOTATION];
    takeIdentityFrom(res, old);
    if (behavior === "merge") {
      setStringMap(res.obj, "data", { ...stringMap(old.obj.data), ...stringMap(res.obj.data) });
      setStringMap(res.obj, "binaryData", { ...stringMap(old.obj.binaryData), ...stringMap(res.obj.binaryData) });
    }
    assertPlainStringKeys(res.obj, file);
    if (behavior === "merge" && oldOrigin !== undefined) setOriginAnnotation(res, oldOrigin);
    if (behavior === "replace" && ownOrigin === undefined) setOriginAnnotation(res, undefined);
    resMap.replace(old, res);
  }
}

/** kustomize prefixes these errors with a Go pointer dump of the generator; this stands in for it. */
function fail(message: string, file?: string): KustomizeError {
  return new KustomizeError("GENERATOR", `merging from generator &{0xc000000000 <nil>}: ${message}`, file);
}

/**
 * kustomize's CopyMergeMetaDataFieldsFrom: labels and annotations merged (the new values win),
 * name and namespace taken from the old resource, and with them the build bookkeeping (previous
 * ids, references), so later overlays and name references still find it.
 */
function takeIdentityFrom(res: Resource, old: Resource): void {
  const meta = res.ensureMetadata();
  setStringMap(meta, "labels", { ...stringMap(old.metadata?.labels), ...stringMap(meta.labels) });
  setStringMap(meta, "annotations", { ...stringMap(old.metadata?.annotations), ...stringMap(meta.annotations) });
  meta.name = old.name;
  if (old.namespace) meta.namespace = old.namespace;
  else delete meta.namespace;
  res.prevIds = old.prevIds.slice();
  res.refBy = old.refBy.slice();
  res.refVarNames = old.refVarNames.slice();
  // Verified against kubectl: the hash is kept only if both sides want it (either side's
  // disableNameSuffixHash wins).
  res.needsHashSuffix = old.needsHashSuffix && res.needsHashSuffix;
  res.behavior = old.behavior;
}

function setOriginAnnotation(res: Resource, origin: YamlValue | undefined): void {
  const a = res.metadata?.annotations;
  if (!isMap(a)) return;
  if (origin === undefined) delete a[ORIGIN_ANNOTATION];
  else a[ORIGIN_ANNOTATION] = origin;
}

/** A field read as kustomize's map[string]string: scalars as text, null and collections as "". */
function stringMap(v: YamlValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    setEntry(out, k, x === null || typeof x === "object" ? "" : String(x));
  }
  return out;
}

/** Replaces `field` with the map, or removes it when the map is empty (as kyaml does). */
function setStringMap(target: YamlMap, field: string, m: Record<string, string>): void {
  if (Object.keys(m).length === 0) delete target[field];
  else target[field] = m;
}
