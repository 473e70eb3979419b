import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/** kustomize's default `commonAnnotations` table: the object and its pod templates. */
export const COMMON_ANNOTATIONS_FIELD_SPECS: readonly FieldSpec[] = [
  at("metadata/annotations", { create: true }),
  at("spec/template/metadata/annotations", { version: "v1", kind: "ReplicationController", create: true }),
  at("spec/template/metadata/annotations", { kind: "Deployment", create: true }),
  at("spec/template/metadata/annotations", { kind: "ReplicaSet", create: true }),
  at("spec/template/metadata/annotations", { kind: "DaemonSet", create: true }),
  at("spec/template/metadata/annotations", { kind: "StatefulSet", create: true }),
  at("spec/template/metadata/annotations", { group: "batch", kind: "Job", create: true }),
  at("spec/jobTemplate/metadata/annotations", { group: "batch", kind: "CronJob", create: true }),
  at("spec/jobTemplate/spec/template/metadata/annotations", { group: "batch", kind: "CronJob", create: true }),
];
