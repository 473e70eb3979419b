import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/**
 * kustomize's default `namespace` table. `metadata/namespace` and RoleBinding subjects have
 * hard-coded handling in the transformer (cluster-scoped kinds are skipped; only subjects named
 * "default" are touched); the Namespace rename applies only to apiVersion v1.
 */
export const NAMESPACE_FIELD_SPECS: readonly FieldSpec[] = [
  at("metadata/namespace", { create: true }),
  at("metadata/name", { kind: "Namespace", create: true }),
  at("subjects[]/namespace", { kind: "RoleBinding" }),
  at("subjects[]/namespace", { kind: "ClusterRoleBinding" }),
  at("spec/service/namespace", { group: "apiregistration.k8s.io", kind: "APIService", create: true }),
  at("spec/conversion/webhook/clientConfig/service/namespace", {
    group: "apiextensions.k8s.io",
    kind: "CustomResourceDefinition",
  }),
];
