import { isMap, type YamlMap } from "@kfrender/yaml";
import { type ApplySetRef, applySetId, parentObject, parentPath, readParent } from "./applyset.js";
import { formatMs, waitForEstablished } from "./crd-wait.js";
import { Discovery, type ResourceInfo } from "./discovery.js";
import { ApplyError } from "./errors.js";
import { type Ordered, type Phase, orderForApply } from "./install-order.js";
import { type PruneResult, pruneSet } from "./prune.js";
import { APPLY_PATCH_CONTENT_TYPE, applyBody, applyQuery, resourcePath } from "./request-body.js";
import { apiVersionOf, describeRef, groupKind, type ResourceRef, refKey, refOf } from "./resource-ref.js";
import { inputCrds, memberNamespaces, type InputCrd } from "./input-crds.js";
import { type KubeResponse, type Transport, serverMessage, statusDetails } from "./transport.js";
import { toJson } from "./to-json.js";

export type ResultStatus = "created" | "configured" | "unchanged" | "failed" | "skipped";

export interface ResourceResult {
  /** With the namespace the object was applied in. */
  ref: ResourceRef;
  phase: Phase;
  status: ResultStatus;
  /** The server's message for a failure; the reason for a skip. */
  message?: string;
}

export interface ApplyReport {
  dryRun: "none" | "server";
  results: ResourceResult[];
  /** Present when prune was asked for and ran. */
  pruned?: PruneResult[];
  /** Why prune was asked for but did not run. */
  pruneSkipped?: string;
  /** Failed applies plus failed prunes: non-zero means the run failed. */
  failed: number;
}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ApplyOptions {
  transport: Transport;
  /** Default `kfrender`. */
  fieldManager?: string;
  forceConflicts?: boolean;
  dryRun?: "none" | "server";
  failFast?: boolean;
  /** For namespaced objects that name none: `-n`, else the kubeconfig context's, else `default`. */
  defaultNamespace?: string;
  /** Track the applied objects as members of this set (needed for prune). */
  set?: ApplySetRef;
  prune?: boolean;
  /** Prune Namespaces, CRDs and PersistentVolumes too. */
  pruneAll?: boolean;
  /** How long each CRD may take to become Established. Default 60 s. */
  crdTimeoutMs?: number;
  /** How a kind the server does not serve yet is retried. Default 6 attempts, 0.5 s doubling to 5 s. */
  unknownKindRetry?: RetryPolicy;
  onResult?: (r: ResourceResult) => void;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 6, initialDelayMs: 500, maxDelayMs: 5000 };
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type CrdGate = { status: "ready" } | { status: "failed" | "skipped"; message: string };

/**
 * Server-side applies `objects` in install order (see install-order.ts), one at a time, waiting for
 * CRDs before their custom resources, and optionally prunes the set's stale members afterwards.
 * A failing resource is reported and the run goes on, unless failFast. Throws ApplyError only for
 * problems that make the whole run meaningless (invalid input, unreachable server).
 */
export async function applyResources(objects: YamlMap[], opts: ApplyOptions): Promise<ApplyReport> {
  const refs = objects.map((o, i) => refOf(o, i));
  rejectDuplicates(refs);
  const ordered = orderForApply(objects, refs);
  const run = new ApplyRun(objects, refs, opts);
  return run.execute(ordered);
}

class ApplyRun {
  private readonly t: Transport;
  private readonly discovery: Discovery;
  private readonly dryRun: boolean;
  private readonly fieldManager: string;
  private readonly defaultNamespace: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: RetryPolicy;
  private readonly crds: Map<string, InputCrd>;
  /** CRD name → outcome of applying it, then the memoized wait for it. */
  private readonly crdApplied = new Map<string, ResultStatus>();
  private readonly crdGates = new Map<string, Promise<CrdGate>>();
  /** group/version/kind → why it cannot be applied, once the retries ran out. */
  private readonly deadKinds = new Map<string, string>();
  /** Namespaces this run created only in a server dry run, so do not exist for what follows. */
  private readonly dryRunNamespaces = new Set<string>();
  private readonly setId: string | undefined;
  private readonly results: ResourceResult[] = [];

  constructor(
    objects: YamlMap[],
    private readonly refs: ResourceRef[],
    private readonly opts: ApplyOptions,
  ) {
    this.t = opts.transport;
    this.discovery = new Discovery(opts.transport);
    this.dryRun = opts.dryRun === "server";
    this.fieldManager = opts.fieldManager ?? "kfrender";
    this.defaultNamespace = opts.defaultNamespace ?? "default";
    this.sleep = opts.sleep ?? realSleep;
    this.retry = opts.unknownKindRetry ?? DEFAULT_RETRY;
    this.crds = inputCrds(objects, refs);
    this.setId = opts.set ? applySetId(opts.set) : undefined;
  }

  async execute(ordered: Ordered<YamlMap>[]): Promise<ApplyReport> {
    await this.preflight();
    const set = this.opts.set;
    const previous = set ? await readParent(this.t, set, this.setId!) : undefined;
    const currentGroupKinds = new Set(this.refs.map((r) => groupKind(r.group, r.kind)));
    const currentNamespaces = memberNamespaces(this.refs, this.crds, this.defaultNamespace);
    let parentWritten = !set || this.dryRun;
    let abort: string | undefined;

    for (const o of ordered) {
      if (!parentWritten && o.phase !== "namespaces") {
        // Recorded before any member but the Namespaces is applied, as the union with what the
        // set had, so an interrupted run still leaves every member findable by a later prune.
        const failure = await this.writeParent(union(previous!.groupKinds, currentGroupKinds), union(previous!.namespaces, currentNamespaces));
        parentWritten = true;
        if (failure) abort = `not applied: the set's parent Secret could not be written`;
      }
      const r: ResourceResult = abort
        ? { ref: o.ref, phase: o.phase, status: "skipped", message: abort }
        : await this.applyOne(o).catch((e: Error) => ({ ref: o.ref, phase: o.phase, status: "failed" as const, message: `request failed: ${e.message}` }));
      this.results.push(r);
      this.opts.onResult?.(r);
      if (r.status === "failed" && this.opts.failFast && !abort) abort = "not applied: an earlier resource failed (--fail-fast)";
    }
    if (!parentWritten) {
      const failure = await this.writeParent(union(previous!.groupKinds, currentGroupKinds), union(previous!.namespaces, currentNamespaces));
      if (failure) abort = "the set's parent Secret could not be written";
    }

    const report: ApplyReport = { dryRun: this.dryRun ? "server" : "none", results: this.results, failed: 0 };
    if (set && this.opts.prune) {
      const failedApplies = this.results.filter((r) => r.status === "failed").length;
      if (abort || failedApplies) {
        report.pruneSkipped = `${failedApplies || "some"} resource(s) failed to apply; nothing was pruned`;
      } else {
        report.pruned = await pruneSet({
          transport: this.t,
          discovery: this.discovery,
          setId: this.setId!,
          groupKinds: union(previous!.groupKinds, currentGroupKinds),
          namespaces: union(previous!.namespaces, currentNamespaces, [set.namespace]),
          keep: new Set(this.results.map((r) => refKey(r.ref))),
          pruneAll: this.opts.pruneAll ?? false,
          mode: this.dryRun ? "server-dry-run" : "delete",
        });
        if (!this.dryRun && !report.pruned.some((p) => p.status === "failed")) {
          // Narrowed to what the set now holds (plus protected members it kept).
          const kept = report.pruned.filter((p) => p.status === "kept").map((p) => p.ref);
          await this.writeParent(
            union(currentGroupKinds, kept.map((r) => groupKind(r.group, r.kind))),
            union(currentNamespaces, kept.flatMap((r) => (r.namespace ? [r.namespace] : []))),
          );
        }
      }
    }
    report.failed = this.results.filter((r) => r.status === "failed").length + (report.pruned ?? []).filter((p) => p.status === "failed").length;
    return report;
  }

  private async preflight(): Promise<void> {
    let res: KubeResponse;
    try {
      res = await this.t.request({ method: "GET", path: "/api" });
    } catch (e) {
      if (e instanceof ApplyError) throw e;
      throw new ApplyError("UNREACHABLE", `cannot reach the cluster at ${this.t.server}: ${(e as Error).message}`);
    }
    if (res.status !== 200) throw new ApplyError("UNREACHABLE", `the cluster at ${this.t.server} answered ${res.status}: ${serverMessage(res)}`);
  }

  /** Applies the parent Secret; a failure is reported as a row of its own. */
  private async writeParent(groupKinds: Set<string>, namespaces: Set<string>): Promise<boolean> {
    const set = this.opts.set!;
    const body = toJson(parentObject(set, this.setId!, groupKinds, namespaces));
    const res = await this.t
      .request({
        method: "PATCH",
        path: parentPath(set),
        query: applyQuery(this.fieldManager, this.opts.forceConflicts ?? false, false),
        contentType: APPLY_PATCH_CONTENT_TYPE,
        body,
      })
      .catch((e: Error) => e);
    if (!(res instanceof Error) && (res.status === 200 || res.status === 201)) return false;
    const r: ResourceResult = {
      ref: { group: "", version: "v1", kind: "Secret", namespace: set.namespace, name: set.name },
      phase: "resources",
      status: "failed",
      message: `the set's parent: ${res instanceof Error ? `request failed: ${res.message}` : serverMessage(res)}`,
    };
    this.results.push(r);
    this.opts.onResult?.(r);
    return true;
  }

  private async applyOne(o: Ordered<YamlMap>): Promise<ResourceResult> {
    const fail = (status: "failed" | "skipped", message: string, ref: ResourceRef = o.ref): ResourceResult => ({ ref, phase: o.phase, status, message });
    const crd = this.crds.get(`${o.ref.group}|${o.ref.kind}`);
    if (crd) {
      const gate = await this.crdGate(crd);
      if (gate.status !== "ready") return fail(gate.status, gate.message);
    }
    let info: ResourceInfo | string;
    try {
      info = await this.resolveKind(o.ref);
    } catch (e) {
      return fail("failed", (e as Error).message);
    }
    if (typeof info === "string") return fail("failed", info);
    const namespace = info.namespaced ? (o.ref.namespace ?? this.defaultNamespace) : undefined;
    const ref: ResourceRef = { ...o.ref, ...(namespace ? { namespace } : {}) };
    if (!namespace) delete ref.namespace;
    let body: string;
    try {
      body = applyBody(o.item, namespace, info.namespaced, this.setId);
    } catch (e) {
      return fail("failed", (e as Error).message, ref);
    }
    const path = resourcePath(info, namespace, ref.name);
    const before = await this.t.request({ method: "GET", path });
    const prior = before.status === 200 ? (JSON.parse(before.body) as YamlMap) : before.status === 404 ? null : undefined;
    const res = await this.t.request({
      method: "PATCH",
      path,
      query: applyQuery(this.fieldManager, this.opts.forceConflicts ?? false, this.dryRun),
      contentType: APPLY_PATCH_CONTENT_TYPE,
      body,
    });
    const result = this.classify(res, prior, ref, o.phase);
    if (o.phase === "crds") this.crdApplied.set(ref.name, result.status);
    if (this.dryRun && ref.kind === "Namespace" && !ref.group && result.status === "created") this.dryRunNamespaces.add(ref.name);
    return result;
  }

  private classify(res: KubeResponse, prior: YamlMap | null | undefined, ref: ResourceRef, phase: Phase): ResourceResult {
    if (res.status === 200 || res.status === 201) {
      if (res.status === 201 || prior === null) return { ref, phase, status: "created" };
      const after = JSON.parse(res.body) as YamlMap;
      return { ref, phase, status: prior && sameContent(prior, after) ? "unchanged" : "configured" };
    }
    const message = serverMessage(res);
    if (res.status === 409) return { ref, phase, status: "failed", message: `${message} (--force-conflicts takes the fields over)` };
    const details = statusDetails(res);
    if (this.dryRun && res.status === 404 && details.kind === "namespaces" && details.name && this.dryRunNamespaces.has(details.name)) {
      return { ref, phase, status: "skipped", message: `namespace ${details.name} does not exist yet (a server dry run does not create it)` };
    }
    return { ref, phase, status: "failed", message };
  }

  /** A custom resource of a CRD in the input waits until that CRD is Established, once per CRD. */
  private crdGate(crd: InputCrd): Promise<CrdGate> {
    let gate = this.crdGates.get(crd.name);
    if (!gate) {
      gate = this.openCrdGate(crd);
      this.crdGates.set(crd.name, gate);
    }
    return gate;
  }

  private async openCrdGate(crd: InputCrd): Promise<CrdGate> {
    const applied = this.crdApplied.get(crd.name);
    if (applied === "failed" || applied === "skipped" || applied === undefined) {
      return { status: "failed", message: `its CustomResourceDefinition ${crd.name} was not applied` };
    }
    if (this.dryRun) {
      if (applied === "created") return { status: "skipped", message: `its CustomResourceDefinition ${crd.name} is not installed yet (a server dry run does not create it)` };
      return { status: "ready" };
    }
    const waited = await waitForEstablished(this.t, crd.apiVersion, crd.name, { timeoutMs: this.opts.crdTimeoutMs ?? 60_000, sleep: this.sleep });
    if (!waited.ok) return { status: "failed", message: `its CustomResourceDefinition ${crd.name} ${waited.message}` };
    this.discovery.invalidate(crd.group);
    return { status: "ready" };
  }

  /**
   * The REST resource for a kind. A kind the server does not serve yet (a CRD still being set up,
   * or installed by something else) is looked up again with bounded exponential backoff, then
   * reported; later objects of a kind that ran out of retries fail at once.
   */
  private async resolveKind(ref: ResourceRef): Promise<ResourceInfo | string> {
    const key = `${ref.group}/${ref.version}/${ref.kind}`;
    const dead = this.deadKinds.get(key);
    if (dead) return dead;
    let delay = this.retry.initialDelayMs;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const info = await this.discovery.lookup(ref.group, ref.version, ref.kind);
      if (info) return info;
      if (attempt >= this.retry.attempts) break;
      await this.sleep(delay);
      waited += delay;
      delay = Math.min(delay * 2, this.retry.maxDelayMs);
      this.discovery.invalidate(ref.group, ref.version);
    }
    const message = `no matches for kind "${ref.kind}" in version "${apiVersionOf(ref.group, ref.version)}" after ${this.retry.attempts} lookups over ${formatMs(waited)} (is its CustomResourceDefinition installed?)`;
    this.deadKinds.set(key, message);
    return message;
  }
}

function rejectDuplicates(refs: ResourceRef[]): void {
  const seen = new Set<string>();
  for (const r of refs) {
    const k = refKey(r);
    if (seen.has(k)) throw new ApplyError("INVALID_INPUT", `${describeRef(r)} appears more than once in the input`);
    seen.add(k);
  }
}

function union<T>(...sets: Iterable<T>[]): Set<T> {
  const out = new Set<T>();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

const IGNORED_META = new Set(["managedFields", "resourceVersion", "generation"]);

/** Equal apart from bookkeeping the server changes on its own (and status, which apply never sets). */
function sameContent(a: YamlMap, b: YamlMap): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === "status") continue;
    if (k === "metadata" && isMap(a.metadata) && isMap(b.metadata)) {
      const mk = new Set([...Object.keys(a.metadata), ...Object.keys(b.metadata)]);
      for (const m of mk) if (!IGNORED_META.has(m) && !deepEqual(a.metadata[m], b.metadata[m])) return false;
      continue;
    }
    if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
