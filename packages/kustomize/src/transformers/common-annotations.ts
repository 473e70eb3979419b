import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResMap } from "../resource/res-map.js";
import { setPairsAtFieldSpecs } from "./set-label-pairs.js";

/** `commonAnnotations`: every annotation on metadata and pod templates (the commonAnnotations table). */
export function applyCommonAnnotations(
  resMap: ResMap,
  annotations: Record<string, string>,
  config: TransformerConfig,
): void {
  setPairsAtFieldSpecs(resMap, annotations, config.commonAnnotations);
}
