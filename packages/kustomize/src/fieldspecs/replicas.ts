import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/** kustomize's default `replicas` table. */
export const REPLICAS_FIELD_SPECS: readonly FieldSpec[] = [
  at("spec/replicas", { kind: "Deployment", create: true }),
  at("spec/replicas", { kind: "ReplicationController", create: true }),
  at("spec/replicas", { kind: "ReplicaSet", create: true }),
  at("spec/replicas", { kind: "StatefulSet", create: true }),
];
