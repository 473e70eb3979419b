import type { Gvk } from "../resource/res-id.js";

/** A group/version/kind where any part may be empty, as in a FieldSpec or a name back-reference. */
export interface GvkSelector {
  group?: string;
  version?: string;
  kind?: string;
}

/** kustomize's Gvk.IsSelected: empty selector parts are wildcards. */
export function isSelected(x: GvkSelector, selector: GvkSelector): boolean {
  if (selector.group && x.group !== selector.group) return false;
  if (selector.version && x.version !== selector.version) return false;
  if (selector.kind && x.kind !== selector.kind) return false;
  return true;
}

export function sameGvk(a: GvkSelector, b: GvkSelector): boolean {
  return (a.group ?? "") === (b.group ?? "") && (a.version ?? "") === (b.version ?? "") && (a.kind ?? "") === (b.kind ?? "");
}

// kyaml's resource ordering, which kustomize also uses to sort field-spec tables after a merge.
const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Endpoints",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
const TYPE_ORDER = new Map<string, number>([
  ...ORDER_FIRST.map((k, i) => [k, i - ORDER_FIRST.length] as [string, number]),
  ...ORDER_LAST.map((k, i) => [k, i + 1] as [string, number]),
]);

/** The second key of kustomize's Gvk.IsLessThan. */
export function gvkSortString(g: GvkSelector): string {
  return `${g.group || "~G"}_${g.version || "~V"}_${g.kind || "~K"}`;
}

/** The first key of kustomize's Gvk.IsLessThan: the kind's place in the legacy order. */
export function gvkRank(g: GvkSelector): number {
  return TYPE_ORDER.get(g.kind ?? "") ?? 0;
}

/** kustomize's Gvk.IsLessThan as a comparator. */
export function compareGvk(a: GvkSelector, b: GvkSelector): number {
  const ia = gvkRank(a);
  const ib = gvkRank(b);
  if (ia !== ib) return ia - ib;
  const sa = gvkSortString(a);
  const sb = gvkSortString(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Go's fieldspec parseGV: a lone `v1…`/`v2…` is a core version, any other lone word a group. */
export function fieldSpecGroupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  if (slash >= 0) return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
  if (/^v[12]/.test(apiVersion)) return { group: "", version: apiVersion };
  return { group: apiVersion, version: "" };
}

export function gvkOfObject(apiVersion: string, kind: string): Gvk {
  return { ...fieldSpecGroupVersion(apiVersion), kind };
}
