import type { FieldSpec } from "../types/kustomization.js";
import { METADATA_LABELS_FIELD_SPECS } from "./metadata-labels.js";

/** kustomize's default `templateLabels` table: what `labels: [{includeTemplates: true}]` adds to. */
export const TEMPLATE_LABELS_FIELD_SPECS: readonly FieldSpec[] = [...METADATA_LABELS_FIELD_SPECS];
