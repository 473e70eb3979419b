import { apiVersionOf, type Gvk } from "./res-id.js";

/**
 * Built-in types that are not namespaced, keyed `apiVersion kind` — kustomize's precomputed
 * scope table (kyaml openapi, Kubernetes 1.21.2). Scope depends on the apiVersion too: a type
 * not listed (any other version, every custom resource, TokenReview & co.) counts as namespaced.
 */
const CLUSTER_SCOPED = new Set([
  "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
  "apiextensions.k8s.io/v1 CustomResourceDefinition",
  "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
  "apiregistration.k8s.io/v1 APIService",
  "apiregistration.k8s.io/v1beta1 APIService",
  "certificates.k8s.io/v1 CertificateSigningRequest",
  "certificates.k8s.io/v1beta1 CertificateSigningRequest",
  "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
  "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
  "networking.k8s.io/v1 IngressClass",
  "networking.k8s.io/v1beta1 IngressClass",
  "node.k8s.io/v1 RuntimeClass",
  "node.k8s.io/v1beta1 RuntimeClass",
  "policy/v1beta1 PodSecurityPolicy",
  "rbac.authorization.k8s.io/v1 ClusterRole",
  "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
  "rbac.authorization.k8s.io/v1beta1 ClusterRole",
  "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
  "scheduling.k8s.io/v1 PriorityClass",
  "scheduling.k8s.io/v1beta1 PriorityClass",
  "storage.k8s.io/v1 CSIDriver",
  "storage.k8s.io/v1 CSINode",
  "storage.k8s.io/v1 StorageClass",
  "storage.k8s.io/v1 VolumeAttachment",
  "storage.k8s.io/v1beta1 CSIDriver",
  "storage.k8s.io/v1beta1 CSINode",
  "storage.k8s.io/v1beta1 StorageClass",
  "storage.k8s.io/v1beta1 VolumeAttachment",
  "v1 ComponentStatus",
  "v1 Namespace",
  "v1 Node",
  "v1 NodeProxyOptions",
  "v1 PersistentVolume",
]);

export function isClusterScoped(gvk: Gvk): boolean {
  return CLUSTER_SCOPED.has(`${apiVersionOf(gvk)} ${gvk.kind}`);
}

/** kustomize's EffectiveNamespace: "default" for an unset namespace, a marker for cluster scope. */
export function effectiveNamespace(id: Gvk & { namespace: string }): string {
  if (isClusterScoped(id)) return "~cluster";
  return id.namespace === "" ? "default" : id.namespace;
}
