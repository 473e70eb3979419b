import type { YamlMap } from "@kfrender/yaml";
import { type ApplySetRef, applySetId, readParent } from "./applyset.js";
import { Discovery } from "./discovery.js";
import { ApplyError } from "./errors.js";
import { inputCrds, knownScope, memberNamespaces } from "./input-crds.js";
import { type PruneResult, pruneSet } from "./prune.js";
import { groupKind, refKey, refOf } from "./resource-ref.js";
import { type Transport, serverMessage } from "./transport.js";

export interface PrunePreviewOptions {
  transport: Transport;
  set: ApplySetRef;
  defaultNamespace?: string;
  pruneAll?: boolean;
}

/**
 * What `--prune` would delete for this input, found with read requests only (discovery, the
 * parent Secret, label-selected lists): the client dry run's view of prune.
 */
export async function previewPrune(objects: YamlMap[], opts: PrunePreviewOptions): Promise<PruneResult[]> {
  const t = opts.transport;
  const pre = await t.request({ method: "GET", path: "/api" }).catch((e: Error) => {
    throw new ApplyError("UNREACHABLE", `cannot reach the cluster at ${t.server}: ${e.message}`);
  });
  if (pre.status !== 200) throw new ApplyError("UNREACHABLE", `the cluster at ${t.server} answered ${pre.status}: ${serverMessage(pre)}`);
  const refs = objects.map((o, i) => refOf(o, i));
  const crds = inputCrds(objects, refs);
  const defaultNamespace = opts.defaultNamespace ?? "default";
  const id = applySetId(opts.set);
  const previous = await readParent(t, opts.set, id);
  const discovery = new Discovery(t);
  const keep = new Set<string>();
  for (const r of refs) {
    const served = await discovery.lookup(r.group, r.version, r.kind);
    const namespaced = served?.namespaced ?? knownScope(r, crds) ?? r.namespace !== undefined;
    keep.add(refKey({ ...r, namespace: namespaced ? (r.namespace ?? defaultNamespace) : undefined }));
  }
  return pruneSet({
    transport: t,
    discovery,
    setId: id,
    groupKinds: new Set([...previous.groupKinds, ...refs.map((r) => groupKind(r.group, r.kind))]),
    namespaces: new Set([...previous.namespaces, ...memberNamespaces(refs, crds, defaultNamespace), opts.set.namespace]),
    keep,
    pruneAll: opts.pruneAll ?? false,
    mode: "list",
  });
}
