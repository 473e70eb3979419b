import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResMap } from "../resource/res-map.js";
import { setPairsAtFieldSpecs } from "./set-label-pairs.js";

/** `commonLabels`: every label on metadata, selectors and pod templates (the commonLabels table). */
export function applyCommonLabels(resMap: ResMap, labels: Record<string, string>, config: TransformerConfig): void {
  setPairsAtFieldSpecs(resMap, labels, config.commonLabels);
}
