import { KustomizeError } from "../errors.js";
import { mergeFieldSpec, mergeFieldSpecs } from "../fieldspecs/merge-config.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResMap } from "../resource/res-map.js";
import type { FieldSpec, Label } from "../types/kustomization.js";
import { setPairsAtFieldSpecs } from "./set-label-pairs.js";

const METADATA_LABELS: FieldSpec = { path: "metadata/labels", create: true };

function merging<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KustomizeError) throw new KustomizeError(e.code, `failed to merge ${what}: ${e.message}`, e.file);
    throw e;
  }
}

/**
 * The field specs one `labels:` entry writes to: its own `fields` and the `labels` table of
 * `configurations:` (merged first, so a narrower spec there can shadow a wider built-in one, as
 * in kubectl), plus the whole commonLabels table with `includeSelectors`, otherwise
 * metadata/labels and (with `includeTemplates`) the pod-template labels.
 */
export function labelFieldSpecs(label: Label, config: TransformerConfig): FieldSpec[] {
  const fields = label.fields ?? [];
  const own = config.labels.length ? merging("labels", () => mergeFieldSpecs(fields, config.labels)) : fields;
  if (label.includeSelectors) return merging("labels", () => mergeFieldSpecs(own, config.commonLabels));
  const withMetadata = merging("labels", () => mergeFieldSpec(own, METADATA_LABELS));
  if (!label.includeTemplates) return withMetadata;
  return merging("template fieldSpec", () => mergeFieldSpecs(withMetadata, config.templateLabels));
}

/** `labels:` entries, in order (kustomize runs them before `commonLabels`). */
export function applyLabels(resMap: ResMap, labels: readonly Label[], config: TransformerConfig): void {
  for (const label of labels) {
    setPairsAtFieldSpecs(resMap, label.pairs ?? {}, labelFieldSpecs(label, config));
  }
}
