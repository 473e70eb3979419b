import type { FileLoader } from "../loader/file-loader.js";
import {
  applyCommonAnnotations,
  applyCommonLabels,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplicas,
} from "../transformers/index.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator } from "./accumulator.js";

/**
 * The kustomization's built-in transformers, in kustomize's fixed order: patchesStrategicMerge,
 * patches, namespace, namePrefix/nameSuffix, labels then commonLabels, commonAnnotations,
 * patchesJson6902, replicas, images, replacements; then the `transformers:` field.
 */
export function runTransformers(acc: Accumulator, loader: FileLoader, kust: Kustomization, _file: string): void {
  const { resMap, config } = acc;
  if (kust.namespace) applyNamespace(resMap, kust.namespace, config);
  if (kust.namePrefix || kust.nameSuffix) applyNamePrefixSuffix(resMap, kust.namePrefix ?? "", kust.nameSuffix ?? "", config);
  if (kust.labels?.length) applyLabels(resMap, kust.labels, config);
  if (kust.commonLabels && Object.keys(kust.commonLabels).length) applyCommonLabels(resMap, kust.commonLabels, config);
  if (kust.commonAnnotations && Object.keys(kust.commonAnnotations).length) {
    applyCommonAnnotations(resMap, kust.commonAnnotations, config);
  }
  if (kust.replicas?.length) applyReplicas(resMap, kust.replicas, config);
  if (kust.images?.length) applyImages(resMap, kust.images, config);
  void loader;
}
