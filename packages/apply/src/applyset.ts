import { createHash } from "node:crypto";
import type { YamlMap } from "@kfrender/yaml";
import { ApplyError } from "./errors.js";
import { type Transport, serverMessage } from "./transport.js";

/**
 * Set membership, modelled on the Kubernetes ApplySet convention (KEP-3659, as kubectl
 * --applyset uses it): a parent Secret carries the set's id label and lists the group-kinds and
 * namespaces its members live in; each member carries the `part-of` label with that id. Prune lists
 * exactly those group-kinds in those namespaces by label and deletes what the input no longer has.
 */
export const APPLYSET_ID_LABEL = "applyset.kubernetes.io/id";
export const APPLYSET_PART_OF_LABEL = "applyset.kubernetes.io/part-of";
export const APPLYSET_TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
export const APPLYSET_GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";
export const APPLYSET_NAMESPACES_ANNOTATION = "applyset.kubernetes.io/additional-namespaces";
export const KFRENDER_TOOLING = "kfrender/v1";

export interface ApplySetRef {
  /** The `--set NAME`: the parent Secret's name. */
  name: string;
  /** The parent Secret's namespace. */
  namespace: string;
}

/** The id kubectl derives for a parent: base64url(sha256("name.namespace.kind.group")), wrapped. */
export function applySetId(set: ApplySetRef): string {
  const digest = createHash("sha256").update(`${set.name}.${set.namespace}.Secret.`).digest("base64url");
  return `applyset-${digest}-v1`;
}

export interface ParentState {
  exists: boolean;
  groupKinds: Set<string>;
  namespaces: Set<string>;
}

export function parentPath(set: ApplySetRef): string {
  return `/api/v1/namespaces/${encodeURIComponent(set.namespace)}/secrets/${encodeURIComponent(set.name)}`;
}

const csv = (v: unknown) => new Set(typeof v === "string" && v ? v.split(",").filter(Boolean) : []);

/** Reads what the previous runs recorded; refuses a Secret that belongs to another tool or set. */
export async function readParent(transport: Transport, set: ApplySetRef, id: string): Promise<ParentState> {
  const res = await transport.request({ method: "GET", path: parentPath(set) });
  if (res.status === 404) return { exists: false, groupKinds: new Set(), namespaces: new Set() };
  if (res.status !== 200) throw new ApplyError("APPLYSET", `cannot read the set's parent Secret ${set.namespace}/${set.name}: ${serverMessage(res)}`);
  const obj = JSON.parse(res.body) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  const labels = obj.metadata?.labels ?? {};
  const annotations = obj.metadata?.annotations ?? {};
  if (labels[APPLYSET_ID_LABEL] !== id) {
    throw new ApplyError("APPLYSET", `Secret ${set.namespace}/${set.name} exists but is not the parent of set "${set.name}" (label ${APPLYSET_ID_LABEL} is not ${id}); choose another --set name`);
  }
  const tooling = annotations[APPLYSET_TOOLING_ANNOTATION];
  if (tooling && !tooling.startsWith("kfrender/")) {
    throw new ApplyError("APPLYSET", `set "${set.name}" is managed by ${tooling}, not kfrender`);
  }
  return { exists: true, groupKinds: csv(annotations[APPLYSET_GROUP_KINDS_ANNOTATION]), namespaces: csv(annotations[APPLYSET_NAMESPACES_ANNOTATION]) };
}

/** The parent as applied: only the fields this tool owns. */
export function parentObject(set: ApplySetRef, id: string, groupKinds: Iterable<string>, namespaces: Iterable<string>): YamlMap {
  const others = [...new Set(namespaces)].filter((n) => n !== set.namespace).sort();
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: set.name,
      namespace: set.namespace,
      labels: { [APPLYSET_ID_LABEL]: id },
      annotations: {
        [APPLYSET_TOOLING_ANNOTATION]: KFRENDER_TOOLING,
        [APPLYSET_GROUP_KINDS_ANNOTATION]: [...new Set(groupKinds)].sort().join(","),
        [APPLYSET_NAMESPACES_ANNOTATION]: others.join(","),
      },
    },
  };
}
