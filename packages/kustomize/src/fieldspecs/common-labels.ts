import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";
import { METADATA_LABELS_FIELD_SPECS } from "./metadata-labels.js";

const AFFINITY_SELECTORS = [
  "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
  "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
];

/**
 * kustomize's default `commonLabels` table: selectors (created where a workload must have one,
 * only updated where optional), then the metadata and pod-template labels.
 */
export const COMMON_LABELS_FIELD_SPECS: readonly FieldSpec[] = [
  at("spec/selector", { version: "v1", kind: "Service", create: true }),
  at("spec/selector", { version: "v1", kind: "ReplicationController", create: true }),
  at("spec/selector/matchLabels", { kind: "Deployment", create: true }),
  ...AFFINITY_SELECTORS.map((p) => at(p, { group: "apps", kind: "Deployment" })),
  at("spec/selector/matchLabels", { kind: "ReplicaSet", create: true }),
  at("spec/selector/matchLabels", { kind: "DaemonSet", create: true }),
  at("spec/selector/matchLabels", { group: "apps", kind: "StatefulSet", create: true }),
  ...AFFINITY_SELECTORS.map((p) => at(p, { group: "apps", kind: "StatefulSet" })),
  at("spec/selector/matchLabels", { group: "batch", kind: "Job" }),
  at("spec/jobTemplate/spec/selector/matchLabels", { group: "batch", kind: "CronJob" }),
  at("spec/selector/matchLabels", { group: "policy", kind: "PodDisruptionBudget" }),
  at("spec/podSelector/matchLabels", { group: "networking.k8s.io", kind: "NetworkPolicy" }),
  at("spec/ingress/from/podSelector/matchLabels", { group: "networking.k8s.io", kind: "NetworkPolicy" }),
  at("spec/egress/to/podSelector/matchLabels", { group: "networking.k8s.io", kind: "NetworkPolicy" }),
  ...METADATA_LABELS_FIELD_SPECS,
];
