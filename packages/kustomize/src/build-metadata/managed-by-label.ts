import type { Resource } from "../resource/resource.js";
import { applyFieldSpecs, setMapEntry } from "../transformers/apply-field-specs.js";
import type { FieldSpec } from "../types/kustomization.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/**
 * kustomize writes `kustomize-<its version>`; kubectl's embedded kustomize carries no version
 * stamp, so `kubectl kustomize` (v1.32, kustomize v5.5.0) prints `kustomize-(devel)`.
 */
export const MANAGED_BY_VALUE = "kustomize-(devel)";

const METADATA_LABELS: readonly FieldSpec[] = [{ path: "metadata/labels", create: true }];

/** `buildMetadata: [managedByLabel]`: a label transformer run over the final, sorted output. */
export function addManagedByLabel(resources: readonly Resource[]): void {
  for (const r of resources) applyFieldSpecs(r, METADATA_LABELS, "map", setMapEntry(MANAGED_BY_LABEL, MANAGED_BY_VALUE));
}
