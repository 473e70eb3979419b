import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A small Kubernetes API server for the applier's tests, on 127.0.0.1 only, over TLS with a test
 * certificate and a bearer token. It speaks the parts of the HTTP API the applier uses: discovery,
 * GET and label-selected LIST, server-side apply PATCH with managedFields ownership and conflicts,
 * DELETE with uid preconditions, dryRun=All, and CRDs that become Established after a delay and only
 * then appear in discovery. It is written from the API's documented behaviour and shares no code
 * with the applier, so the applier's own tables cannot hide a mistake.
 */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const TEST_CA = fs.readFileSync(path.join(FIXTURES, "test-server.crt"), "utf8");
const TEST_KEY = fs.readFileSync(path.join(FIXTURES, "test-server.key"), "utf8");

interface TypeInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const BUILTIN: TypeInfo[] = [
  ["", "v1", "Namespace", "namespaces", false],
  ["", "v1", "ConfigMap", "configmaps", true],
  ["", "v1", "Secret", "secrets", true],
  ["", "v1", "Service", "services", true],
  ["", "v1", "ServiceAccount", "serviceaccounts", true],
  ["", "v1", "PersistentVolume", "persistentvolumes", false],
  ["apps", "v1", "Deployment", "deployments", true],
  ["rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false],
  ["rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false],
  ["rbac.authorization.k8s.io", "v1", "Role", "roles", true],
  ["rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true],
  ["apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false],
  ["admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false],
  ["admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false],
  ["networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true],
].map(([group, version, kind, plural, namespaced]) => ({ group, version, kind, plural, namespaced }) as TypeInfo);

type Obj = Record<string, unknown>;

interface Ownership {
  fields: Set<string>;
  operation: "Apply" | "Update";
  apiVersion: string;
}

interface Stored {
  type: TypeInfo;
  obj: Obj;
  managers: Map<string, Ownership>;
}

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** For PATCH: what the body named. */
  kind?: string;
  namespace?: string;
  name?: string;
  body?: string;
}

export interface TestApiServerOptions {
  token?: string;
  /** How long a new CRD takes to become Established. */
  crdEstablishDelayMs?: number;
  /** CRDs (by name) that never become Established. */
  neverEstablish?: string[];
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

/** Field paths are JSON arrays of keys, so keys with dots (label names) stay whole. */
const SERVER_META = new Set(["name", "namespace", "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"]);
function leafFields(obj: Obj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: Obj, trail: string[]) => {
    for (const [k, child] of Object.entries(v)) {
      if (trail.length === 0 && (k === "apiVersion" || k === "kind" || k === "status")) continue;
      if (trail.length === 1 && trail[0] === "metadata" && SERVER_META.has(k)) continue;
      const next = [...trail, k];
      if (isObj(child) && Object.keys(child).length) walk(child, next);
      else out.set(JSON.stringify(next), child);
    }
  };
  walk(obj, []);
  return out;
}
const segs = (field: string) => JSON.parse(field) as string[];
const display = (field: string) => `.${segs(field).join(".")}`;
function valueAt(obj: Obj, field: string): unknown {
  let cur: unknown = obj;
  for (const s of segs(field)) cur = isObj(cur) ? cur[s] : undefined;
  return cur;
}
function setAt(obj: Obj, field: string, value: unknown): void {
  const parts = segs(field);
  let cur = obj;
  for (const s of parts.slice(0, -1)) {
    if (!isObj(cur[s])) cur[s] = {};
    cur = cur[s] as Obj;
  }
  cur[parts[parts.length - 1]!] = clone(value);
}
function deleteAt(obj: Obj, field: string): void {
  const parts = segs(field);
  const stack: Obj[] = [obj];
  for (const s of parts.slice(0, -1)) {
    const next = stack[stack.length - 1]![s];
    if (!isObj(next)) return;
    stack.push(next);
  }
  delete stack[stack.length - 1]![parts[parts.length - 1]!];
  // Drop maps the removal left empty.
  for (let i = stack.length - 1; i > 0; i--) if (Object.keys(stack[i]!).length === 0) delete stack[i - 1]![parts[i - 1]!];
}
function overlaps(a: string, b: string): boolean {
  const x = segs(a);
  const y = segs(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}
/** managedFields' FieldsV1 form (`f:spec: {f:replicas: {}}`), for realism in responses. */
function fieldsV1(fields: Set<string>): Obj {
  const root: Obj = {};
  for (const f of fields) {
    let cur = root;
    for (const s of segs(f)) {
      const k = `f:${s}`;
      if (!isObj(cur[k])) cur[k] = {};
      cur = cur[k] as Obj;
    }
  }
  return root;
}

function status(code: number, reason: string, message: string, details?: Obj): Obj {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code, ...(details ? { details } : {}) };
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: Obj,
  ) {
    super(String(body.message));
  }
}

export class TestApiServer {
  readonly log: LogEntry[] = [];
  readonly token: string;
  private server?: https.Server;
  private port = 0;
  private seq = 0;
  private rv = 100;
  private uidCounter = 0;
  private readonly store = new Map<string, Stored>();
  private readonly served: TypeInfo[] = [...BUILTIN];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** CRD name → log seq at which it became Established. */
  readonly establishedAt = new Map<string, number>();

  constructor(private readonly opts: TestApiServerOptions = {}) {
    this.token = opts.token ?? "test-token";
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = https.createServer({ cert: TEST_CA, key: TEST_KEY }, (req, res) => {
      const chunks: Uint8Array[] = [];
      req.on("data", (c: Uint8Array) => chunks.push(c));
      req.on("end", () => {
        let code = 200;
        let payload: unknown;
        const entry = this.begin(req.method ?? "GET", req.url ?? "/");
        try {
          payload = this.handle(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks).toString("utf8"), entry);
          if (isObj(payload) && payload.__status) {
            code = payload.__status as number;
            delete payload.__status;
          }
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          code = e.code;
          payload = e.body;
        }
        entry.status = code;
        res.writeHead(code, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
    // It stops by itself even if a test forgets to.
    const guard = setTimeout(() => void this.stop(), 5 * 60_000);
    guard.unref();
    this.timers.add(guard);
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  kubeconfig(token = this.token): string {
    const ca = Buffer.from(TEST_CA).toString("base64");
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: test",
      `  cluster: {server: "${this.url}", certificate-authority-data: ${ca}}`,
      "users:",
      "- name: test",
      `  user: {token: ${token}}`,
      "contexts:",
      "- name: test",
      "  context: {cluster: test, user: test, namespace: default}",
      "current-context: test",
      "",
    ].join("\n");
  }

  writeKubeconfig(dir: string, token?: string): string {
    const file = path.join(dir, `kubeconfig-${this.port}-${token ?? "ok"}`);
    fs.writeFileSync(file, this.kubeconfig(token));
    return file;
  }

  /** Stores an object as if another client had created it (all its fields owned by `manager`). */
  seed(obj: Obj, manager = "kubectl-client-side-apply", operation: "Apply" | "Update" = "Update"): void {
    const type = this.typeFor(String(obj.apiVersion), String(obj.kind));
    if (!type) throw new Error(`seed: unknown type ${String(obj.kind)}`);
    const meta = obj.metadata as Obj;
    const stored: Stored = {
      type,
      obj: clone(obj),
      managers: new Map([[manager, { fields: new Set(leafFields(obj).keys()), operation, apiVersion: String(obj.apiVersion) }]]),
    };
    this.finishWrite(stored, true);
    this.store.set(this.key(type, meta.namespace as string | undefined, String(meta.name)), stored);
  }

  /** Makes a CRD appear later, as an operator installing it would; its kind is served after `delayMs`. */
  installCrdLater(crd: Obj, delayMs: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      const type = this.typeFor("apiextensions.k8s.io/v1", "CustomResourceDefinition")!;
      const stored: Stored = { type, obj: clone(crd), managers: new Map([["some-operator", { fields: new Set(leafFields(crd).keys()), operation: "Update", apiVersion: "apiextensions.k8s.io/v1" }]]) };
      this.finishWrite(stored, true);
      this.store.set(this.key(type, undefined, String((crd.metadata as Obj).name)), stored);
      this.establish(String((crd.metadata as Obj).name));
    }, delayMs);
    this.timers.add(t);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Obj | undefined {
    const type = this.typeFor(apiVersion, kind);
    const s = type && this.store.get(this.key(type, namespace, name));
    return s ? this.render(s) : undefined;
  }

  /** Owners of an object's fields: manager → displayed field paths. */
  owners(apiVersion: string, kind: string, namespace: string | undefined, name: string): Record<string, string[]> {
    const type = this.typeFor(apiVersion, kind);
    const s = type && this.store.get(this.key(type, namespace, name));
    if (!s) return {};
    return Object.fromEntries([...s.managers].map(([m, o]) => [m, [...o.fields].map(display).sort()]));
  }

  /** Every stored object, as `Kind namespace/name`. */
  inventory(): string[] {
    return [...this.store.values()].map((s) => {
      const m = s.obj.metadata as Obj;
      return `${s.type.kind} ${m.namespace ? `${String(m.namespace)}/` : ""}${String(m.name)}`;
    }).sort();
  }

  /** The PATCH requests that changed state (not dry runs), as `Kind namespace/name`, in order. */
  appliedOrder(): string[] {
    return this.log.filter((e) => e.method === "PATCH" && !e.query.dryRun && e.status < 300).map((e) => `${e.kind} ${e.namespace ? `${e.namespace}/` : ""}${e.name}`);
  }

  // ---------------------------------------------------------------------------------------------

  private begin(method: string, url: string): LogEntry {
    const u = new URL(url, "https://x");
    const entry: LogEntry = { seq: ++this.seq, method, path: u.pathname, query: Object.fromEntries(u.searchParams), status: 0 };
    this.log.push(entry);
    return entry;
  }

  private key(type: TypeInfo, namespace: string | undefined, name: string): string {
    return `${type.group}|${type.plural}|${type.namespaced ? (namespace ?? "") : ""}|${name}`;
  }

  private typeFor(apiVersion: string, kind: string): TypeInfo | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return this.served.find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  private handle(method: string, url: string, headers: Record<string, unknown>, body: string, entry: LogEntry): unknown {
    if (this.log.length > 20_000) throw new HttpError(429, status(429, "TooManyRequests", "test server request budget exhausted"));
    if (headers.authorization !== `Bearer ${this.token}`) throw new HttpError(401, status(401, "Unauthorized", "Unauthorized"));
    const u = new URL(url, "https://x");
    const parts = u.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (method === "GET") {
      const d = this.discovery(parts);
      if (d) return d;
    }
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === "api" && parts.length >= 3) [group, version, rest] = ["", parts[1]!, parts.slice(2)];
    else if (parts[0] === "apis" && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
    else throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, sub] = rest;
    const type = this.served.find((t) => t.group === group && t.version === version && t.plural === plural);
    if (!type || sub !== undefined || (type.namespaced && namespace === undefined && name !== undefined) || (!type.namespaced && namespace !== undefined)) {
      throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
    }
    const dryRun = u.searchParams.get("dryRun") === "All";
    if (method === "GET" && name === undefined) return this.list(type, namespace, u.searchParams.get("labelSelector"));
    if (name === undefined) throw new HttpError(405, status(405, "MethodNotAllowed", `${method} on a collection is not supported here`));
    if (method === "GET") return this.read(type, namespace, name);
    if (method === "PATCH") return this.apply(type, namespace, name, headers, body, u.searchParams, dryRun, entry);
    if (method === "DELETE") return this.remove(type, namespace, name, body, dryRun);
    throw new HttpError(405, status(405, "MethodNotAllowed", `${method} is not supported here`));
  }

  private discovery(parts: string[]): Obj | undefined {
    const groups = new Map<string, Set<string>>();
    for (const t of this.served) if (t.group) (groups.get(t.group) ?? groups.set(t.group, new Set()).get(t.group)!).add(t.version);
    const resourceList = (group: string, version: string): Obj => {
      const types = this.served.filter((t) => t.group === group && t.version === version);
      if (!types.length) throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
      const resources: Obj[] = [];
      for (const t of types) {
        resources.push({ name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: ["get", "list", "patch", "delete"] });
        // A subresource entry, which clients must not mistake for the resource.
        resources.push({ name: `${t.plural}/status`, singularName: "", namespaced: t.namespaced, kind: t.kind, verbs: ["get", "patch"] });
      }
      return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources };
    };
    if (parts.length === 1 && parts[0] === "api") return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] };
    if (parts.length === 2 && parts[0] === "api") return resourceList("", parts[1]!);
    const groupDoc = (name: string): Obj => {
      const versions = [...(groups.get(name) ?? [])].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
      return { name, versions, preferredVersion: versions[0] };
    };
    if (parts.length === 1 && parts[0] === "apis") return { kind: "APIGroupList", apiVersion: "v1", groups: [...groups.keys()].map(groupDoc) };
    if (parts.length === 2 && parts[0] === "apis") {
      if (!groups.has(parts[1]!)) throw new HttpError(404, status(404, "NotFound", "the server could not find the requested resource"));
      return { kind: "APIGroup", apiVersion: "v1", ...groupDoc(parts[1]!) };
    }
    if (parts.length === 3 && parts[0] === "apis") return resourceList(parts[1]!, parts[2]!);
    return undefined;
  }

  private notFound(type: TypeInfo, name: string): HttpError {
    const what = type.group ? `${type.plural}.${type.group}` : type.plural;
    return new HttpError(404, status(404, "NotFound", `${what} "${name}" not found`, { name, group: type.group, kind: type.plural }));
  }

  private read(type: TypeInfo, namespace: string | undefined, name: string): Obj {
    const s = this.store.get(this.key(type, namespace, name));
    if (!s) throw this.notFound(type, name);
    return this.render(s);
  }

  private list(type: TypeInfo, namespace: string | undefined, selector: string | null): Obj {
    const wanted = (selector ?? "").split(",").filter(Boolean).map((p) => p.split("=") as [string, string]);
    const items: Obj[] = [];
    for (const s of this.store.values()) {
      if (s.type !== type) continue;
      const meta = s.obj.metadata as Obj;
      if (namespace !== undefined && meta.namespace !== namespace) continue;
      const labels = (meta.labels ?? {}) as Record<string, string>;
      if (wanted.every(([k, v]) => labels[k] === v)) items.push(this.render(s));
    }
    return { kind: `${type.kind}List`, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, metadata: { resourceVersion: String(this.rv) }, items };
  }

  private render(s: Stored): Obj {
    const out = clone(s.obj);
    (out.metadata as Obj).managedFields = [...s.managers].map(([manager, o]) => ({
      manager,
      operation: o.operation,
      apiVersion: o.apiVersion,
      fieldsType: "FieldsV1",
      fieldsV1: fieldsV1(o.fields),
    }));
    return out;
  }

  private finishWrite(s: Stored, created: boolean): void {
    const meta = s.obj.metadata as Obj;
    meta.resourceVersion = String(++this.rv);
    if (created) {
      meta.uid = `uid-${++this.uidCounter}`;
      meta.creationTimestamp = "2024-01-01T00:00:00Z";
      meta.generation = 1;
    }
  }

  private apply(type: TypeInfo, namespace: string | undefined, name: string, headers: Record<string, unknown>, body: string, q: URLSearchParams, dryRun: boolean, entry: LogEntry): Obj {
    if (headers["content-type"] !== "application/apply-patch+yaml") {
      throw new HttpError(415, status(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml`));
    }
    const manager = q.get("fieldManager");
    if (!manager) throw new HttpError(400, status(400, "BadRequest", "PATCH /apply requires a fieldManager"));
    let applied: Obj;
    try {
      applied = JSON.parse(body) as Obj;
    } catch {
      throw new HttpError(400, status(400, "BadRequest", "this test server only understands JSON apply bodies"));
    }
    const meta = (applied.metadata ?? {}) as Obj;
    Object.assign(entry, { kind: applied.kind, name: meta.name, body, ...(meta.namespace ? { namespace: meta.namespace } : {}) });
    const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    if (applied.apiVersion !== apiVersion || applied.kind !== type.kind) throw new HttpError(400, status(400, "BadRequest", `body is ${String(applied.apiVersion)}/${String(applied.kind)}, the URL is for ${apiVersion}/${type.kind}`));
    if (meta.name !== name) throw new HttpError(400, status(400, "BadRequest", "the name of the object does not match the name on the URL"));
    if (type.namespaced && meta.namespace !== undefined && meta.namespace !== namespace) throw new HttpError(400, status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request"));
    if (!type.namespaced && meta.namespace !== undefined) throw new HttpError(400, status(400, "BadRequest", "a cluster-scoped object must not have a namespace"));
    if (isObj(meta.annotations) && "kubectl.kubernetes.io/last-applied-configuration" in meta.annotations) {
      throw new HttpError(400, status(400, "BadRequest", "test server: apply bodies must not carry the last-applied annotation"));
    }
    if (type.namespaced) {
      const nsType = this.served.find((t) => t.kind === "Namespace")!;
      if (!this.store.has(this.key(nsType, undefined, namespace!))) {
        throw new HttpError(404, status(404, "NotFound", `namespaces "${namespace}" not found`, { name: namespace, kind: "namespaces" }));
      }
    }
    const key = this.key(type, namespace, name);
    const existing = this.store.get(key);
    const live: Obj = existing ? clone(existing.obj) : { apiVersion, kind: type.kind, metadata: { name, ...(type.namespaced ? { namespace } : {}) } };
    const managers = new Map([...(existing?.managers ?? new Map<string, Ownership>())].map(([m, o]) => [m, { ...o, fields: new Set(o.fields) }]));
    const fields = leafFields(applied);

    const conflicts = new Map<string, Set<string>>();
    for (const [other, own] of managers) {
      if (other === manager) continue;
      for (const q2 of own.fields) {
        for (const p of fields.keys()) {
          if (overlaps(p, q2) && !equal(valueAt(live, q2), valueAt(applied, q2))) (conflicts.get(other) ?? conflicts.set(other, new Set()).get(other)!).add(q2);
        }
      }
    }
    const force = q.get("force") === "true";
    if (conflicts.size && !force) {
      const all = [...conflicts].flatMap(([m, fs2]) => [...fs2].map((f) => ({ m, f })));
      const message =
        all.length === 1
          ? `Apply failed with 1 conflict: conflict with "${all[0]!.m}" using ${apiVersion}: ${display(all[0]!.f)}`
          : `Apply failed with ${all.length} conflicts: ${[...conflicts].map(([m, fs2]) => `conflicts with "${m}" using ${apiVersion}:\n${[...fs2].map((f) => `- ${display(f)}`).join("\n")}`).join("\n")}`;
      throw new HttpError(409, status(409, "Conflict", message, { causes: all.map(({ m, f }) => ({ reason: "FieldManagerConflict", message: `conflict with "${m}" using ${apiVersion}`, field: display(f) })) }));
    }
    for (const [other, fs2] of conflicts) {
      const own = managers.get(other)!;
      for (const f of fs2) own.fields.delete(f);
    }
    const before = managers.get(manager)?.fields ?? new Set<string>();
    for (const f of before) {
      if (fields.has(f)) continue;
      const ownedElsewhere = [...managers].some(([m, o]) => m !== manager && o.fields.has(f));
      if (!ownedElsewhere) deleteAt(live, f);
    }
    for (const [f, v] of fields) setAt(live, f, v);
    managers.set(manager, { fields: new Set(fields.keys()), operation: "Apply", apiVersion });
    for (const [m, o] of [...managers]) if (!o.fields.size) managers.delete(m);

    const changed = !existing || !equal(existing.obj, live) || !equal(ownershipOf(existing.managers), ownershipOf(managers));
    const stored: Stored = { type, obj: live, managers };
    if (changed) {
      if (!existing) this.finishWrite(stored, true);
      else {
        (live.metadata as Obj).resourceVersion = String(this.rv + 1);
        if (!equal({ ...existing.obj, metadata: undefined }, { ...live, metadata: undefined })) (live.metadata as Obj).generation = Number((existing.obj.metadata as Obj).generation ?? 1) + 1;
        if (!dryRun) this.rv++;
      }
    }
    if (dryRun) {
      if (!existing) (live.metadata as Obj).uid = "dry-run-uid";
      return { ...this.render(stored), __status: existing ? 200 : 201 };
    }
    if (changed) this.store.set(key, stored);
    if (!existing && type.kind === "CustomResourceDefinition") this.scheduleEstablish(name);
    return { ...this.render(stored), __status: existing ? 200 : 201 };
  }

  private scheduleEstablish(name: string): void {
    if (this.opts.neverEstablish?.includes(name)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.establish(name);
    }, this.opts.crdEstablishDelayMs ?? 0);
    this.timers.add(t);
  }

  private establish(name: string): void {
    const crdType = this.served.find((t) => t.kind === "CustomResourceDefinition")!;
    const s = this.store.get(this.key(crdType, undefined, name));
    if (!s) return;
    const spec = s.obj.spec as Obj;
    const names = spec.names as Obj;
    for (const v of spec.versions as Obj[]) {
      if (v.served === false) continue;
      if (!this.served.some((t) => t.group === spec.group && t.version === v.name && t.kind === names.kind)) {
        this.served.push({ group: String(spec.group), version: String(v.name), kind: String(names.kind), plural: String(names.plural), namespaced: spec.scope !== "Cluster" });
      }
    }
    s.obj.status = {
      conditions: [
        { type: "NamesAccepted", status: "True", reason: "NoConflicts" },
        { type: "Established", status: "True", reason: "InitialNamesAccepted" },
      ],
    };
    this.finishWrite(s, false);
    this.establishedAt.set(name, this.seq);
  }

  private remove(type: TypeInfo, namespace: string | undefined, name: string, body: string, dryRun: boolean): Obj {
    const key = this.key(type, namespace, name);
    const s = this.store.get(key);
    if (!s) throw this.notFound(type, name);
    const opts = body ? (JSON.parse(body) as { preconditions?: { uid?: string } }) : {};
    const uid = (s.obj.metadata as Obj).uid;
    if (opts.preconditions?.uid && opts.preconditions.uid !== uid) {
      throw new HttpError(409, status(409, "Conflict", `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${String(uid)}`));
    }
    const out = this.render(s);
    if (dryRun) return out;
    this.store.delete(key);
    if (type.kind === "Namespace" && !type.group) {
      for (const [k, o] of [...this.store]) if (o.type.namespaced && (o.obj.metadata as Obj).namespace === name) this.store.delete(k);
    }
    if (type.kind === "CustomResourceDefinition") {
      const spec = s.obj.spec as Obj;
      for (let i = this.served.length - 1; i >= 0; i--) {
        const t = this.served[i]!;
        if (t.group === spec.group && t.kind === (spec.names as Obj).kind) this.served.splice(i, 1);
      }
    }
    return out;
  }
}

function ownershipOf(m: Map<string, Ownership>): Obj {
  return Object.fromEntries([...m].map(([k, o]) => [k, [...o.fields].sort()]));
}
