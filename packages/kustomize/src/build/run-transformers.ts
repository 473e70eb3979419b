import { isBareNull } from "@kfrender/yaml";
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
  if (kust.patchesStrategicMerge?.length) applyPatchesStrategicMerge(resMap, kust.patchesStrategicMerge, loader, patchOptions);
  if (kust.patches?.length) applyPatches(resMap, kust.patches, loader, patchOptions);
  if (kust.namespace) applyNamespace(resMap, kust.namespace, config);
  if (kust.namePrefix || kust.nameSuffix) applyNamePrefixSuffix(resMap, kust.namePrefix ?? "", kust.nameSuffix ?? "", config);
  if (kust.labels?.length) applyLabels(resMap, kust.labels, config);
  if (kust.commonLabels && Object.keys(kust.commonLabels).length) applyCommonLabels(resMap, kust.commonLabels, config);
  if (kust.commonAnnotations && Object.keys(kust.commonAnnotations).length) {
    applyCommonAnnotations(resMap, kust.commonAnnotations, config);
  }
  if (kust.patchesJson6902?.length) applyPatchesJson6902(resMap, kust.patchesJson6902, loader);
  if (kust.replicas?.length) applyReplicas(resMap, kust.replicas, config);
  if (kust.images?.length) applyImages(resMap, kust.images, config);
  if (kust.replacements?.length) applyReplacements(resMap, kust.replacements, loader);
  if (kust.transformers?.length) runTransformersField(ctx, acc, loader, kust.transformers);
}
