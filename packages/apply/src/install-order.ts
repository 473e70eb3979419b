import type { ResourceRef } from "./resource-ref.js";

/**
 * The apply order. It follows kfctl's InstallOrder (pkg/utils/kindsorter.go) with the changes the
 * applier needs: Namespaces and CRDs come first (everything else may live in the one or be an
 * instance of the other), cluster-wide RBAC next, and the objects that route API traffic to a
 * Service (webhook configurations, APIServices) last, once the Services they call exist, so that a
 * webhook whose pod is not running yet cannot reject the rest of the install.
 */
export const PHASES = ["namespaces", "crds", "cluster-rbac", "resources", "webhooks"] as const;
export type Phase = (typeof PHASES)[number];

const PHASE_OF_KIND: Record<string, Phase> = {
  Namespace: "namespaces",
  "CustomResourceDefinition.apiextensions.k8s.io": "crds",
  "ClusterRole.rbac.authorization.k8s.io": "cluster-rbac",
  "ClusterRoleBinding.rbac.authorization.k8s.io": "cluster-rbac",
  "MutatingWebhookConfiguration.admissionregistration.k8s.io": "webhooks",
  "ValidatingWebhookConfiguration.admissionregistration.k8s.io": "webhooks",
  "APIService.apiregistration.k8s.io": "webhooks",
};

/** kfctl's order of the remaining built-in kinds (PriorityClass and IngressClass added before their users). */
const RESOURCE_KIND_ORDER = [
  "ResourceQuota", "LimitRange", "PodSecurityPolicy.policy", "PriorityClass.scheduling.k8s.io", "Secret", "ConfigMap",
  "StorageClass.storage.k8s.io", "PersistentVolume", "PersistentVolumeClaim", "ServiceAccount",
  "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io", "Service", "DaemonSet.apps", "Pod",
  "ReplicationController", "ReplicaSet.apps", "Deployment.apps", "StatefulSet.apps", "Job.batch", "CronJob.batch",
  "IngressClass.networking.k8s.io", "Ingress.networking.k8s.io", "Ingress.extensions",
];
const RESOURCE_RANK = new Map(RESOURCE_KIND_ORDER.map((gk, i) => [gk, i]));
/** Order inside the small phases, as kfctl has them: roles before bindings, mutating before validating. */
const WITHIN_PHASE = ["ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService"];

function gkOf(r: { group: string; kind: string }): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

export function phaseOf(r: { group: string; kind: string }): Phase {
  return PHASE_OF_KIND[gkOf(r)] ?? "resources";
}

export interface Ordered<T> {
  item: T;
  ref: ResourceRef;
  phase: Phase;
  /** Position in the input: ties keep it, so the renderer's order survives within a kind. */
  index: number;
}

/**
 * Sorts for install. Within "resources", known kinds follow kfctl's list and every other kind
 * (custom resources included) comes after them, by kind then group name, as kfctl sorted unknown
 * kinds. The sort is stable: objects of one kind keep their input order.
 */
export function orderForApply<T>(items: T[], refs: ResourceRef[]): Ordered<T>[] {
  const decorated = items.map((item, index) => {
    const ref = refs[index]!;
    const phase = phaseOf(ref);
    const gk = gkOf(ref);
    const rank = phase === "resources" ? (RESOURCE_RANK.get(gk) ?? RESOURCE_KIND_ORDER.length) : Math.max(0, WITHIN_PHASE.indexOf(ref.kind));
    return { item, ref, phase, index, phaseRank: PHASES.indexOf(phase), rank, unknown: phase === "resources" && rank === RESOURCE_KIND_ORDER.length };
  });
  decorated.sort(
    (a, b) =>
      a.phaseRank - b.phaseRank ||
      a.rank - b.rank ||
      (a.unknown ? cmp(a.ref.kind, b.ref.kind) || cmp(a.ref.group, b.ref.group) : 0) ||
      a.index - b.index,
  );
  return decorated.map(({ item, ref, phase, index }) => ({ item, ref, phase, index }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Prune deletes in the reverse sense: webhooks first (so they stop intercepting), then custom
 * resources and workloads, RBAC, and CRDs and Namespaces last (deleting those removes everything
 * in them, so they go only after their contents, and only with --prune-all).
 */
export function uninstallRank(r: { group: string; kind: string }): number {
  const phase = phaseOf(r);
  const phaseRank = { webhooks: 0, resources: 1, "cluster-rbac": 2, crds: 3, namespaces: 4 }[phase];
  const within = phase === "resources" ? RESOURCE_KIND_ORDER.length - (RESOURCE_RANK.get(gkOf(r)) ?? RESOURCE_KIND_ORDER.length) : 0;
  return phaseRank * 1000 + within;
}
