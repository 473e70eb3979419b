import { isBareNull } from "@kfrender/yaml";
import { recordBuiltin } from "../build-metadata/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from "../patch/index.js";
import {
  applyCommonAnnotations,
  applyCommonLabels,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplicas,
} from "../transformers/index.js";
import { applyReplacements } from "../transformers/replacements.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { runTransformersField } from "./transformers-field.js";

/**
 * The kustomization's built-in transformers, in kustomize's fixed order: patchesStrategicMerge,
 * patches, namespace, namePrefix/nameSuffix, labels then commonLabels, commonAnnotations,
 * patchesJson6902, replicas, images, replacements; then the `transformers:` field.
 */
export function runTransformers(ctx: BuildContext, acc: Accumulator, loader: FileLoader, kust: Kustomization): void {
  const { resMap, config } = acc;
  const patchOptions = { schema: () => ctx.openapi.current(), isBareNull };
  // With buildMetadata, each field's transformer instances are recorded once the field has run.
  const meta = ctx.meta;
  const ran: RecordRun | undefined = meta ? (kind, times) => recordBuiltin(meta, resMap, kind, times) : undefined;
  if (kust.patchesStrategicMerge?.length) {
    applyPatchesStrategicMerge(resMap, kust.patchesStrategicMerge, loader, patchOptions);
    ran?.("PatchStrategicMergeTransformer");
  }
  if (kust.patches?.length) {
    applyEach(kust.patches, (patches) => applyPatches(resMap, patches, loader, patchOptions), ran, "PatchTransformer");
  }
  if (kust.namespace) {
    applyNamespace(resMap, kust.namespace, config);
    ran?.("NamespaceTransformer");
  }
  if (kust.namePrefix || kust.nameSuffix) {
    applyNamePrefixSuffix(resMap, kust.namePrefix ?? "", kust.nameSuffix ?? "", config);
    if (kust.namePrefix) ran?.("PrefixTransformer");
    if (kust.nameSuffix) ran?.("SuffixTransformer");
  }
  const hasCommonLabels = !!kust.commonLabels && Object.keys(kust.commonLabels).length > 0;
  if (kust.labels?.length) applyLabels(resMap, kust.labels, config);
  if (hasCommonLabels) applyCommonLabels(resMap, kust.commonLabels!, config);
  // kustomize adds a commonLabels instance (empty or not) whenever either field is set.
  if (kust.labels?.length || hasCommonLabels) ran?.("LabelTransformer", (kust.labels?.length ?? 0) + 1);
  if (kust.commonAnnotations && Object.keys(kust.commonAnnotations).length) {
    applyCommonAnnotations(resMap, kust.commonAnnotations, config);
    ran?.("AnnotationsTransformer");
  }
  if (kust.patchesJson6902?.length) {
    applyEach(kust.patchesJson6902, (patches) => applyPatchesJson6902(resMap, patches, loader), ran, "PatchJson6902Transformer");
  }
  if (kust.replicas?.length) {
    applyReplicas(resMap, kust.replicas, config);
    ran?.("ReplicaCountTransformer", kust.replicas.length);
  }
  if (kust.images?.length) {
    applyImages(resMap, kust.images, config);
    ran?.("ImageTagTransformer", kust.images.length);
  }
  if (kust.replacements?.length) {
    applyReplacements(resMap, kust.replacements, loader);
    ran?.("ReplacementTransformer");
  }
  if (kust.transformers?.length) runTransformersField(ctx, acc, loader, kust.transformers);
}

/** Records, with build metadata, that a field's transformer ran (`times` instances of it). */
type RecordRun = (kind: string, times?: number) => void;

/**
 * Runs a patch field. Patches can change the annotations that hold the records, so with build
 * metadata each entry is applied and recorded in turn; without it the field runs in one go.
 */
function applyEach<T>(entries: T[], apply: (entries: T[]) => void, ran: RecordRun | undefined, kind: string): void {
  if (!ran) {
    apply(entries);
    return;
  }
  for (const entry of entries) {
    apply([entry]);
    ran(kind);
  }
}
