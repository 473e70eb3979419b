import { APPLYSET_PART_OF_LABEL } from "./applyset.js";
import type { Discovery, ResourceInfo } from "./discovery.js";
import { uninstallRank } from "./install-order.js";
import { resourcePath } from "./request-body.js";
import { parseGroupKind, type ResourceRef, refKey } from "./resource-ref.js";
import { type Transport, serverMessage } from "./transport.js";

export type PruneStatus = "deleted" | "would delete" | "kept" | "failed";

export interface PruneResult {
  ref: ResourceRef;
  status: PruneStatus;
  message?: string;
}

/** Deleting these takes everything in or of them along, so prune leaves them unless --prune-all. */
const PROTECTED = new Set(["|Namespace", "apiextensions.k8s.io|CustomResourceDefinition", "|PersistentVolume"]);

export function isPruneProtected(r: { group: string; kind: string }): boolean {
  return PROTECTED.has(`${r.group}|${r.kind}`);
}

export interface PruneOptions {
  transport: Transport;
  discovery: Discovery;
  setId: string;
  /** Group-kinds and namespaces to search: what the parent recorded plus what this run applied. */
  groupKinds: Iterable<string>;
  namespaces: Iterable<string>;
  /** refKey of every object in the input: these stay. */
  keep: Set<string>;
  pruneAll: boolean;
  /** "delete" deletes; "server-dry-run" sends the deletes with dryRun=All; "list" only lists. */
  mode: "delete" | "server-dry-run" | "list";
}

interface Candidate {
  ref: ResourceRef;
  info: ResourceInfo;
  uid?: string;
}

interface ListedItem {
  apiVersion?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; labels?: Record<string, string> };
}

/** Finds the set's members that the input no longer has and deletes them, webhooks first, Namespaces last. */
export async function pruneSet(opts: PruneOptions): Promise<PruneResult[]> {
  const results: PruneResult[] = [];
  const candidates: Candidate[] = [];
  const namespaces = [...new Set(opts.namespaces)].sort();
  const selector = `${APPLYSET_PART_OF_LABEL}=${opts.setId}`;
  for (const gk of [...new Set(opts.groupKinds)].sort()) {
    const { group, kind } = parseGroupKind(gk);
    let info: ResourceInfo | undefined;
    try {
      const version = await opts.discovery.preferredVersion(group);
      info = version ? await opts.discovery.lookup(group, version, kind) : undefined;
    } catch (e) {
      results.push({ ref: { group, version: "", kind, name: "*" }, status: "failed", message: (e as Error).message });
      continue;
    }
    // The server no longer serves the kind (its CRD is gone): none of its objects can remain.
    if (!info) continue;
    for (const ns of info.namespaced ? namespaces : [undefined]) {
      const res = await opts.transport.request({ method: "GET", path: resourcePath(info, ns), query: { labelSelector: selector } }).catch((e: Error) => e);
      if (!(res instanceof Error) && res.status === 404) continue;
      if (res instanceof Error || res.status !== 200) {
        const why = res instanceof Error ? res.message : serverMessage(res);
        results.push({ ref: { group, version: info.version, kind, name: "*", ...(ns ? { namespace: ns } : {}) }, status: "failed", message: `cannot list: ${why}` });
        continue;
      }
      const items = (JSON.parse(res.body) as { items?: ListedItem[] }).items ?? [];
      for (const item of items) {
        const meta = item.metadata ?? {};
        // The selector already did this; checked again so a lax server cannot widen a delete.
        if (meta.labels?.[APPLYSET_PART_OF_LABEL] !== opts.setId || !meta.name) continue;
        const ref: ResourceRef = { group, version: info.version, kind, name: meta.name, ...(info.namespaced && meta.namespace ? { namespace: meta.namespace } : {}) };
        if (opts.keep.has(refKey(ref))) continue;
        candidates.push({ ref, info, ...(meta.uid ? { uid: meta.uid } : {}) });
      }
    }
  }
  candidates.sort((a, b) => uninstallRank(a.ref) - uninstallRank(b.ref));
  for (const c of candidates) results.push(await pruneOne(c, opts).catch((e: Error) => ({ ref: c.ref, status: "failed" as const, message: `request failed: ${e.message}` })));
  return results;
}

async function pruneOne(c: Candidate, opts: PruneOptions): Promise<PruneResult> {
  if (isPruneProtected(c.ref) && !opts.pruneAll) return { ref: c.ref, status: "kept", message: "never pruned without --prune-all" };
  if (opts.mode === "list") return { ref: c.ref, status: "would delete" };
  const dryRun = opts.mode === "server-dry-run";
  // The uid precondition makes sure the object deleted is the one listed, not a namesake made since.
  const body = JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background", ...(c.uid ? { preconditions: { uid: c.uid } } : {}) });
  const res = await opts.transport.request({
    method: "DELETE",
    path: resourcePath(c.info, c.ref.namespace, c.ref.name),
    query: { dryRun: dryRun ? "All" : undefined },
    contentType: "application/json",
    body,
  });
  if (res.status === 200 || res.status === 202) return { ref: c.ref, status: dryRun ? "would delete" : "deleted" };
  if (res.status === 404) return { ref: c.ref, status: dryRun ? "would delete" : "deleted", message: "already gone" };
  return { ref: c.ref, status: "failed", message: serverMessage(res) };
}
