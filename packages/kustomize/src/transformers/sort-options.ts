import { KustomizeError } from "../errors.js";
import { gvkString } from "../resource/res-id.js";
import type { Resource } from "../resource/resource.js";
import type { SortOptions } from "../types/kustomization.js";

/** kustomize's fixed legacy order: kinds that others depend on first, webhooks last. */
const DEFAULT_ORDER_FIRST = [
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
const DEFAULT_ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

/**
 * Orders the final resources. With no `sortOptions`, kubectl kustomize uses the legacy order;
 * `fifo` keeps accumulation order. A `sortOptions` that is present must name its order, even when
 * it only carries `legacySortOptions` (kubectl refuses `sortOptions: {}`).
 */
export function applySortOptions(resources: Resource[], options: SortOptions | null | undefined): Resource[] {
  const order = options == null ? "legacy" : options.order;
  if (order !== "legacy" && order !== "fifo") {
    throw new KustomizeError("TRANSFORMER", "the field 'sortOptions.order' must be one of [fifo, legacy]");
  }
  if (order === "fifo") {
    if (options?.legacySortOptions) {
      throw new KustomizeError(
        "TRANSFORMER",
        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
      );
    }
    return resources;
  }
  const first = options?.legacySortOptions ? (options.legacySortOptions.orderFirst ?? []) : DEFAULT_ORDER_FIRST;
  const last = options?.legacySortOptions ? (options.legacySortOptions.orderLast ?? []) : DEFAULT_ORDER_LAST;
  const rank = new Map<string, number>();
  first.forEach((k, i) => rank.set(k, i - first.length));
  last.forEach((k, i) => rank.set(k, i + 1));

  const keyed = resources.map((r) => {
    const id = r.id();
    const g = id.group || "~G";
    const v = id.version || "~V";
    const k = id.kind || "~K";
    return {
      r,
      rank: rank.get(id.kind) ?? 0,
      gvk: `${g}_${v}_${k}`,
      coreNamespace: id.kind === "Namespace" && id.group === "",
      namespaceKind: id.kind === "Namespace",
      rest: `${gvkString(id)}|${id.namespace || "~X"}|${id.name || "~N"}`,
    };
  });
  keyed.sort((a, b) => a.rank - b.rank || compareGvkKeys(a, b) || cmp(a.rest, b.rest));
  return keyed.map((x) => x.r);
}

interface GvkKey {
  gvk: string;
  coreNamespace: boolean;
  namespaceKind: boolean;
}

/**
 * kustomize's legacy gvk order. Namespaces are the exception: when one of the two is in the core
 * group, their order is reversed (core Namespaces first, higher versions first), as kustomize's
 * sorter special-cases them.
 */
function compareGvkKeys(a: GvkKey, b: GvkKey): number {
  const c = cmp(a.gvk, b.gvk);
  return a.namespaceKind && b.namespaceKind && (a.coreNamespace || b.coreNamespace) ? -c : c;
}

const SURROGATE_OR_ABOVE = /[\ud800-\uffff]/;

/**
 * Byte-wise comparison of UTF-8 strings, as Go compares strings. UTF-16 order agrees with it
 * except around surrogate pairs, so only those strings pay for an encoding.
 */
function cmp(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE_OR_ABOVE.test(a) || SURROGATE_OR_ABOVE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
