import type { Gvk } from "./res-id.js";

/**
 * Built-in kinds that are not namespaced (as in kustomize's precomputed OpenAPI scope table).
 * Kinds not listed here — including every custom resource — count as namespaced.
 */
const CLUSTER_SCOPED_KINDS = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "SelfSubjectAccessReview",
  "SelfSubjectRulesReview",
  "StorageClass",
  "SubjectAccessReview",
  "TokenReview",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

export function isClusterScoped(gvk: Gvk): boolean {
  return CLUSTER_SCOPED_KINDS.has(gvk.kind);
}

/** kustomize's EffectiveNamespace: "default" for an unset namespace, a marker for cluster scope. */
export function effectiveNamespace(id: Gvk & { namespace: string }): string {
  if (isClusterScoped(id)) return "~cluster";
  return id.namespace === "" ? "default" : id.namespace;
}
