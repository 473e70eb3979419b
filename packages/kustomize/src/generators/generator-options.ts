import type { GeneratorOptions } from "../types/kustomization.js";

/**
 * kustomize's MergeGlobalOptionsIntoLocal: a generator's own labels and annotations win per key
 * over the kustomization-wide `generatorOptions`; a boolean that is true on either side is true
 * (a local `false` cannot undo a global `true`).
 */
export function mergeGeneratorOptions(
  local: GeneratorOptions | undefined,
  global: GeneratorOptions | undefined,
): GeneratorOptions {
  if (!global) return local ?? {};
  const out: GeneratorOptions = { ...local };
  if (global.labels || local?.labels) out.labels = { ...global.labels, ...local?.labels };
  if (global.annotations || local?.annotations) out.annotations = { ...global.annotations, ...local?.annotations };
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}
