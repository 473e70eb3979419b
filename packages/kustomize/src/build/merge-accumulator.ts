import { emptyTransformerConfig, freezeConfig, mergeTransformerConfig } from "../fieldspecs/index.js";
import { KustomizeError } from "../errors.js";
import { ResMap } from "../resource/res-map.js";
import { mergeVarSets } from "../transformers/vars.js";
import type { Accumulator } from "./accumulator.js";

/**
 * kustomize starts every accumulator with an empty config: the built-in tables arrive with each
 * kustomization's own `configurations:` (see merge-configurations.ts), which is what lets a
 * configuration narrow a built-in spec.
 */
export function emptyAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: EMPTY_CONFIG, vars: [] };
}

/** One shared (frozen) empty config, so merges into it are recognised and reused. */
const EMPTY_CONFIG = freezeConfig(emptyTransformerConfig());

/** Folds a sub-kustomization's result into its parent (kustomize's MergeAccumulator). */
export function mergeAccumulator(into: Accumulator, from: Accumulator, root: string): void {
  into.resMap.appendAll(from.resMap);
  into.config = mergeTransformerConfig(into.config, from.config);
  try {
    into.vars = mergeVarSets(into.vars, from.vars);
  } catch (e) {
    throw new KustomizeError("VAR", `recursed merging from path '${root}': ${(e as Error).message}`, root);
  }
}
