import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/**
 * Where a workload's own and its pod template's labels live (kustomize's metadataLabelsFieldSpecs).
 * Shared by the commonLabels and templateLabels tables.
 */
export const METADATA_LABELS_FIELD_SPECS: readonly FieldSpec[] = [
  at("metadata/labels", { create: true }),
  at("spec/template/metadata/labels", { version: "v1", kind: "ReplicationController", create: true }),
  at("spec/template/metadata/labels", { kind: "Deployment", create: true }),
  at("spec/template/metadata/labels", { kind: "ReplicaSet", create: true }),
  at("spec/template/metadata/labels", { kind: "DaemonSet", create: true }),
  at("spec/template/metadata/labels", { group: "apps", kind: "StatefulSet", create: true }),
  at("spec/volumeClaimTemplates[]/metadata/labels", { group: "apps", kind: "StatefulSet", create: true }),
  at("spec/template/metadata/labels", { group: "batch", kind: "Job", create: true }),
  at("spec/jobTemplate/metadata/labels", { group: "batch", kind: "CronJob", create: true }),
  at("spec/jobTemplate/spec/template/metadata/labels", { group: "batch", kind: "CronJob", create: true }),
];
