import { defaultTransformerConfig, mergeTransformerConfig } from "../fieldspecs/index.js";
import { ResMap } from "../resource/res-map.js";
import type { Accumulator } from "./accumulator.js";
import { mergeVarSlices } from "./merge-vars.js";

export function emptyAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: defaultTransformerConfig(), vars: [] };
}

/** Folds a sub-kustomization's result into its parent (kustomize's MergeAccumulator). */
export function mergeAccumulator(into: Accumulator, from: Accumulator): void {
  into.resMap.appendAll(from.resMap);
  into.config = mergeTransformerConfig(into.config, from.config);
  into.vars = mergeVarSlices(into.vars, from.vars);
}
