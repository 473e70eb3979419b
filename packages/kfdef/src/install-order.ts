// Spec §7.4: an application's build output as documents, stably sorted by kfctl's install order.

import { parseAllDocuments } from "@kfrender/yaml";
import { byteCompare } from "./go-decode.js";

/** kfctl's InstallOrder (pkg/utils/kindsorter.go). */
export const INSTALL_ORDER = [
  "Namespace",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "Secret",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "ServiceAccount",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "Role",
  "RoleBinding",
  "Service",
  "DaemonSet",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "StatefulSet",
  "Job",
  "CronJob",
  "Ingress",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "APIService",
] as const;

const RANK = new Map<string, number>(INSTALL_ORDER.map((k, i) => [k, i]));

/** One output document: its exact text (ending with one newline) and its kind. */
export interface RenderedDocument {
  kind: string;
  text: string;
}

/** The documents of a build output: split at lines equal to `---`, text kept byte for byte. */
export function splitDocuments(output: string): string[] {
  if (output === "") return [];
  const docs: string[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart < output.length) {
    const nl = output.indexOf("\n", lineStart);
    const end = nl < 0 ? output.length : nl;
    if (output.slice(lineStart, end) === "---") {
      if (lineStart > start) docs.push(output.slice(start, lineStart));
      start = end + 1;
    }
    lineStart = end + 1;
  }
  if (start < output.length) {
    const last = output.slice(start);
    docs.push(last.endsWith("\n") ? last : last + "\n");
  }
  return docs;
}

const SIMPLE_KIND = /^kind: ([A-Za-z0-9_.-]+)$/m;

/** The top-level `kind` of a document as kustomize printed it ("" when it has none). */
export function documentKind(text: string): string {
  const m = SIMPLE_KIND.exec(text);
  if (m) return m[1]!;
  if (!/^kind:/m.test(text)) return "";
  const [doc] = parseAllDocuments(text);
  const kind = doc && typeof doc === "object" && !Array.isArray(doc) ? doc.kind : undefined;
  return kind === undefined || kind === null ? "" : typeof kind === "string" ? kind : String(kind);
}

function compareKinds(a: string, b: string): number {
  const ra = RANK.get(a) ?? INSTALL_ORDER.length;
  const rb = RANK.get(b) ?? INSTALL_ORDER.length;
  if (ra !== rb) return ra - rb;
  return ra === INSTALL_ORDER.length ? byteCompare(a, b) : 0;
}

/** Stable sort by install-order rank; unlisted kinds last, by kind name. */
export function sortByInstallOrder(docs: RenderedDocument[]): RenderedDocument[] {
  return [...docs].sort((x, y) => compareKinds(x.kind, y.kind));
}

/** Documents joined as the specification's output format (§8). */
export function joinDocuments(docs: readonly { text: string }[]): string {
  return docs.map((d) => d.text).join("---\n");
}
