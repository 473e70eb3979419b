import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import { ResMap } from "../resource/res-map.js";
import type { Var } from "../types/kustomization.js";

/**
 * What one kustomization (with everything below it) has produced so far: its resources, the
 * field-spec tables in force (defaults plus `configurations:`/`crds:`), and the vars declared.
 */
export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: Var[];
}
