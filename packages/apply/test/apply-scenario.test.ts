import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  APPLYSET_GROUP_KINDS_ANNOTATION,
  APPLYSET_ID_LABEL,
  APPLYSET_PART_OF_LABEL,
  ApplyError,
  type ApplyOptions,
  type KubeconfigConnection,
  applyResources,
  applySetId,
  connectWithKubeconfig,
  previewPrune,
} from "@kfrender/apply";
import type { YamlMap } from "@kfrender/yaml";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { replacing, rowOf, scenario, widgetCrd } from "./support/scenario.js";
import { TestApiServer } from "./support/test-apiserver.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kfrender-apply-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FAST: Partial<ApplyOptions> = { crdTimeoutMs: 5000, unknownKindRetry: { attempts: 5, initialDelayMs: 40, maxDelayMs: 200 } };

/** A fresh server per test, with the `default` namespace a real cluster has. */
let server: TestApiServer;
let conn: KubeconfigConnection;
async function startServer(opts: ConstructorParameters<typeof TestApiServer>[0] = {}): Promise<void> {
  server = await new TestApiServer({ crdEstablishDelayMs: 300, ...opts }).start();
  server.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, "kube-apiserver");
  conn = await connectWithKubeconfig({ kubeconfig: server.writeKubeconfig(tmp) });
}
afterEach(async () => {
  conn?.transport.close?.();
  await server?.stop();
});

const apply = (objects: YamlMap[], opts: Partial<ApplyOptions> = {}) => applyResources(objects, { transport: conn.transport, ...FAST, ...opts });

describe("order and CRD waits", () => {
  it("applies in install order and holds custom resources until their CRD is Established", async () => {
    await startServer();
    const s = scenario("order");
    const report = await apply(s.manifests);
    expect(report.failed).toBe(0);
    expect(report.results.map(rowOf)).toEqual(s.expectedOrder);
    expect(report.results.every((r) => r.status === "created")).toBe(true);
    expect(server.appliedOrder()).toEqual(s.expectedOrder);

    // The CR went out only after the CRD was Established, and after a fresh discovery read.
    const crPatch = server.log.find((e) => e.method === "PATCH" && e.kind === "Widget")!;
    const crdPatch = server.log.find((e) => e.method === "PATCH" && e.kind === "CustomResourceDefinition")!;
    const established = server.establishedAt.get(s.crdName)!;
    expect(established).toBeGreaterThan(crdPatch.seq);
    expect(crPatch.seq).toBeGreaterThan(established);
    const polls = server.log.filter((e) => e.method === "GET" && e.path === `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${s.crdName}`);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    const rediscovery = server.log.filter((e) => e.path === `/apis/${s.group}/v1` && e.seq > established && e.seq < crPatch.seq);
    expect(rediscovery.length).toBeGreaterThanOrEqual(1);
    // Every apply is a server-side apply by kfrender, without force.
    for (const e of server.log.filter((x) => x.method === "PATCH")) expect(e.query).toEqual({ fieldManager: "kfrender" });
  });

  it("reports unchanged on a second run and configured for what changed", async () => {
    await startServer();
    const s = scenario("again");
    await apply(s.manifests);
    const second = await apply(s.manifests);
    expect(second.results.map((r) => r.status)).toEqual(s.expectedOrder.map(() => "unchanged"));
    const changed = replacing(s.manifests, "ConfigMap", "settings", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: s.ns }, data: { mode: "b" } });
    const third = await apply(changed);
    expect(third.results.filter((r) => r.status === "configured").map(rowOf)).toEqual([`ConfigMap ${s.ns}/settings`]);
    expect((server.get("v1", "ConfigMap", s.ns, "settings")!.data as Record<string, string>).mode).toBe("b");
  });

  it("fails the custom resources of a CRD that never becomes Established, and goes on", async () => {
    const s = scenario("stuck");
    await startServer({ neverEstablish: [s.crdName] });
    const report = await apply(s.manifests, { crdTimeoutMs: 400 });
    const cr = report.results.find((r) => r.ref.kind === "Widget")!;
    expect(cr.status).toBe("failed");
    expect(cr.message).toBe(`its CustomResourceDefinition ${s.crdName} did not become Established within 400ms`);
    expect(report.results.find((r) => r.ref.kind === "ValidatingWebhookConfiguration")!.status).toBe("created");
    expect(report.failed).toBe(1);
  });

  it("retries a kind the server does not know yet with bounded backoff, then reports it", async () => {
    await startServer();
    const group = "later.example.com";
    server.installCrdLater(widgetCrd(group, "Gadget", "gadgets"), 150);
    const objects: YamlMap[] = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "n1" } },
      { apiVersion: `${group}/v1`, kind: "Gadget", metadata: { name: "g1", namespace: "n1" }, spec: { a: 1 } },
      { apiVersion: "never.example.com/v1", kind: "Gizmo", metadata: { name: "z1", namespace: "n1" } },
      { apiVersion: "never.example.com/v1", kind: "Gizmo", metadata: { name: "z2", namespace: "n1" } },
    ];
    const report = await apply(objects);
    const byName = Object.fromEntries(report.results.map((r) => [r.ref.name, r]));
    expect(byName.g1!.status).toBe("created");
    expect(server.log.filter((e) => e.path === `/apis/${group}/v1`).length).toBeGreaterThanOrEqual(2);
    expect(byName.z1!.status).toBe("failed");
    expect(byName.z1!.message).toMatch(/^no matches for kind "Gizmo" in version "never.example.com\/v1" after 5 lookups over \d+ms/);
    // Bounded: exactly `attempts` lookups for the first object, none more for the second.
    expect(server.log.filter((e) => e.path === "/apis/never.example.com/v1").length).toBe(5);
    expect(byName.z2!.message).toBe(byName.z1!.message);
    expect(report.failed).toBe(2);
  });
});

describe("conflicts", () => {
  const seeded = (ns: string) => {
    server.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    server.seed({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: ns, labels: { app: "web", "app.kubernetes.io/part-of": "kfrender-test" } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web", "app.kubernetes.io/part-of": "kfrender-test" } }, spec: { containers: [{ name: "web", image: "registry.k8s.io/pause:3.9" }] } },
      },
    });
  };

  it("fails a conflicting apply with the other field manager named, and continues past it", async () => {
    await startServer();
    const s = scenario("conflict");
    seeded(s.ns);
    const report = await apply(s.manifests);
    const dep = report.results.find((r) => r.ref.kind === "Deployment")!;
    expect(dep.status).toBe("failed");
    expect(dep.message).toContain('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(dep.message).toContain("--force-conflicts");
    expect(report.failed).toBe(1);
    // Everything after it was still applied.
    expect(report.results.find((r) => r.ref.kind === "ValidatingWebhookConfiguration")!.status).toBe("created");
    expect((server.get("apps/v1", "Deployment", s.ns, "web")!.spec as { replicas: number }).replicas).toBe(3);
  });

  it("takes the fields over with forceConflicts", async () => {
    await startServer();
    const s = scenario("force");
    seeded(s.ns);
    const report = await apply(s.manifests, { forceConflicts: true });
    expect(report.failed).toBe(0);
    expect(report.results.find((r) => r.ref.kind === "Deployment")!.status).toBe("configured");
    expect((server.get("apps/v1", "Deployment", s.ns, "web")!.spec as { replicas: number }).replicas).toBe(1);
    const owners = server.owners("apps/v1", "Deployment", s.ns, "web");
    expect(owners.kfrender).toContain(".spec.replicas");
    expect(owners["kubectl-client-side-apply"]).not.toContain(".spec.replicas");
    expect(server.log.filter((e) => e.method === "PATCH").every((e) => e.query.force === "true")).toBe(true);
  });

  it("stops at the first failure with failFast", async () => {
    await startServer();
    const s = scenario("failfast");
    seeded(s.ns);
    const report = await apply(s.manifests, { failFast: true });
    const statuses = report.results.map((r) => `${r.ref.kind}:${r.status}`);
    expect(statuses.slice(statuses.indexOf("Deployment:failed") + 1)).toEqual(["Widget:skipped", "ValidatingWebhookConfiguration:skipped"]);
    expect(report.results.find((r) => r.ref.kind === "Widget")!.message).toBe("not applied: an earlier resource failed (--fail-fast)");
    expect(server.log.some((e) => e.method === "PATCH" && e.kind === "Widget")).toBe(false);
  });
});

describe("what is sent", () => {
  it("sends the object as raw JSON: unknown fields and big integers arrive intact, no last-applied annotation", async () => {
    await startServer();
    const s = scenario("raw");
    const cr: YamlMap = {
      apiVersion: `${s.group}/v1`,
      kind: "Widget",
      metadata: { name: "w1", namespace: s.ns },
      spec: { big: 12345678901234567890n, float: 0.5, list: [{ x: null }, true], "dotted.key": "v" },
    };
    const dep = structuredClone(s.manifests.find((m) => m.kind === "Deployment")!);
    ((dep.spec as YamlMap).template as { spec: { containers: YamlMap[] } }).spec.containers[0]!.futureField = { notInAnyTypedModel: 1 };
    const objects = replacing(replacing(s.manifests, "Widget", "w1", cr), "Deployment", "web", dep);
    const report = await apply(objects);
    expect(report.failed).toBe(0);
    const crBody = server.log.find((e) => e.method === "PATCH" && e.kind === "Widget")!.body!;
    expect(crBody).toContain('"big":12345678901234567890');
    expect(crBody).toBe(`{"apiVersion":"${s.group}/v1","kind":"Widget","metadata":{"name":"w1","namespace":"${s.ns}"},"spec":{"big":12345678901234567890,"float":0.5,"list":[{"x":null},true],"dotted.key":"v"}}`);
    const depBody = JSON.parse(server.log.find((e) => e.method === "PATCH" && e.kind === "Deployment")!.body!) as YamlMap;
    expect(depBody).toEqual(JSON.parse(JSON.stringify(dep)));
    for (const e of server.log.filter((x) => x.method === "PATCH")) expect(e.body).not.toContain("last-applied-configuration");
  });

  it("fills in the default namespace for namespaced objects and drops it from cluster-scoped ones", async () => {
    await startServer();
    const report = await apply(
      [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: {} },
        { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r", namespace: "ignored" }, rules: [] },
      ],
      { defaultNamespace: "default" },
    );
    expect(report.results.map(rowOf)).toEqual(["ClusterRole r", "ConfigMap default/c"]);
    expect(server.inventory()).toEqual(["ClusterRole r", "ConfigMap default/c", "Namespace default"]);
  });

  it("refuses the whole run when the cluster cannot be reached", async () => {
    await startServer();
    const url = server.url;
    await server.stop();
    await expect(apply(scenario("gone").manifests)).rejects.toThrow(`cannot reach the cluster at ${url}: connect ECONNREFUSED`);
  });

  it("refuses the whole run when the server rejects the credentials", async () => {
    await startServer();
    const bad = await connectWithKubeconfig({ kubeconfig: server.writeKubeconfig(tmp, "wrong-token") });
    try {
      await expect(applyResources(scenario("auth").manifests, { transport: bad.transport })).rejects.toThrow(ApplyError);
      await expect(applyResources(scenario("auth").manifests, { transport: bad.transport })).rejects.toThrow(/answered 401: Unauthorized/);
      expect(server.log.filter((e) => e.method === "PATCH")).toEqual([]);
    } finally {
      bad.transport.close?.();
    }
  });
});

describe("server dry run", () => {
  it("sends every apply with dryRun=All, persists nothing, and skips what depends on objects it only pretended to create", async () => {
    await startServer();
    const s = scenario("dry");
    const before = server.inventory();
    const report = await apply(s.manifests, { dryRun: "server" });
    expect(server.inventory()).toEqual(before);
    const patches = server.log.filter((e) => e.method === "PATCH");
    expect(patches.length).toBeGreaterThan(0);
    for (const e of patches) expect(e.query.dryRun).toBe("All");
    const byKind = Object.fromEntries(report.results.map((r) => [r.ref.kind, r]));
    expect(byKind.Namespace!.status).toBe("created");
    expect(byKind.CustomResourceDefinition!.status).toBe("created");
    expect(byKind.ClusterRole!.status).toBe("created");
    expect(byKind.ConfigMap!.status).toBe("skipped");
    expect(byKind.ConfigMap!.message).toBe(`namespace ${s.ns} does not exist yet (a server dry run does not create it)`);
    expect(byKind.Widget!.status).toBe("skipped");
    expect(byKind.Widget!.message).toBe(`its CustomResourceDefinition ${s.crdName} is not installed yet (a server dry run does not create it)`);
    expect(report.failed).toBe(0);
    expect(report.dryRun).toBe("server");
  });

  it("reports configured and unchanged for existing objects without changing them", async () => {
    await startServer();
    const s = scenario("dry2");
    await apply(s.manifests);
    const changed = replacing(s.manifests, "ConfigMap", "settings", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: s.ns }, data: { mode: "z" } });
    const report = await apply(changed, { dryRun: "server" });
    expect(report.results.filter((r) => r.status !== "unchanged").map((r) => `${rowOf(r)}:${r.status}`)).toEqual([`ConfigMap ${s.ns}/settings:configured`]);
    expect((server.get("v1", "ConfigMap", s.ns, "settings")!.data as Record<string, string>).mode).toBe("a");
  });
});

describe("prune", () => {
  const set = { name: "kf", namespace: "default" };
  const base = (ns: string, group: string): YamlMap[] => [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: `${ns}-old` } },
    widgetCrd(group),
    { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1", namespace: ns }, spec: {} },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "keep", namespace: ns }, data: {} },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "stale", namespace: ns }, data: {} },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "elsewhere", namespace: `${ns}-old` }, data: {} },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: `${ns}-stale` }, rules: [] },
  ];
  const next = (ns: string, group: string): YamlMap[] =>
    base(ns, group).filter((m) => {
      const name = (m.metadata as { name: string }).name;
      return !["stale", "w1", `${ns}-stale`, `${ns}-old`, "elsewhere"].includes(name);
    });


  it("labels members, records the set in its parent Secret, and removes exactly the stale members", async () => {
    await startServer();
    const ns = "p1";
    const group = "prune.example.com";
    const id = applySetId(set);
    const first = await apply(base(ns, group), { set });
    expect(first.failed).toBe(0);
    expect(((server.get("v1", "ConfigMap", ns, "stale")!.metadata as YamlMap).labels as Record<string, string>)[APPLYSET_PART_OF_LABEL]).toBe(id);
    const parent = server.get("v1", "Secret", "default", "kf")!.metadata as { labels: Record<string, string>; annotations: Record<string, string> };
    expect(parent.labels[APPLYSET_ID_LABEL]).toBe(id);
    expect(parent.annotations[APPLYSET_GROUP_KINDS_ANNOTATION]).toBe("ClusterRole.rbac.authorization.k8s.io,ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Namespace,Widget.prune.example.com");

    // Bystanders: one unlabelled, one in another set. Neither may be touched.
    server.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "unlabelled", namespace: ns }, data: {} });
    server.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other-set", namespace: ns, labels: { [APPLYSET_PART_OF_LABEL]: applySetId({ name: "other", namespace: "default" }) } }, data: {} });

    // What would go: from a client-side preview (reads only) and from a server dry run.
    const expected = [`Widget ${ns}/w1:would delete`, `ConfigMap ${ns}/stale:would delete`, `ConfigMap ${ns}-old/elsewhere:would delete`, `ClusterRole ${ns}-stale:would delete`, `Namespace ${ns}-old:kept`];
    const preview = await previewPrune(next(ns, group), { transport: conn.transport, set });
    expect(preview.map((p) => `${rowOf(p)}:${p.status}`)).toEqual(expected);
    const inventory = server.inventory();
    const dry = await apply(next(ns, group), { set, prune: true, dryRun: "server" });
    expect(dry.pruned!.map((p) => `${rowOf(p)}:${p.status}`)).toEqual(expected);
    expect(dry.pruned!.at(-1)!.message).toBe("never pruned without --prune-all");
    expect(server.inventory()).toEqual(inventory);
    expect(server.log.filter((e) => e.method === "DELETE").every((e) => e.query.dryRun === "All")).toBe(true);

    const second = await apply(next(ns, group), { set, prune: true });
    expect(second.failed).toBe(0);
    expect(second.pruned!.map((p) => `${rowOf(p)}:${p.status}`)).toEqual(expected.map((e) => e.replace("would delete", "deleted")));
    expect(server.inventory()).toEqual(
      [
        `ConfigMap ${ns}/keep`,
        `ConfigMap ${ns}/other-set`,
        `ConfigMap ${ns}/unlabelled`,
        `CustomResourceDefinition widgets.${group}`,
        "Namespace default",
        `Namespace ${ns}`,
        `Namespace ${ns}-old`,
        "Secret default/kf",
      ].sort(),
    );
    // The parent now lists what the set holds: the current kinds, plus the Namespace it kept.
    const after = server.get("v1", "Secret", "default", "kf")!.metadata as { annotations: Record<string, string> };
    expect(after.annotations[APPLYSET_GROUP_KINDS_ANNOTATION]).toBe("ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Namespace");

    // --prune-all takes the protected Namespace too; the CRD still in the input stays.
    const third = await apply(next(ns, group), { set, prune: true, pruneAll: true });
    expect(third.pruned!.map((p) => `${rowOf(p)}:${p.status}`)).toEqual([`Namespace ${ns}-old:deleted`]);
    expect(server.inventory()).not.toContain(`Namespace ${ns}-old`);
  });

  it("does not prune when an apply failed", async () => {
    await startServer();
    const ns = "p2";
    await apply(base(ns, "p2.example.com"), { set });
    const broken: YamlMap = { apiVersion: "nowhere.example.com/v1", kind: "Nothing", metadata: { name: "x", namespace: ns } };
    const report = await apply([...next(ns, "p2.example.com"), broken], { set, prune: true });
    expect(report.pruned).toBeUndefined();
    expect(report.pruneSkipped).toBe("1 resource(s) failed to apply; nothing was pruned");
    expect(server.inventory()).toContain(`ConfigMap ${ns}/stale`);
  });

  it("refuses a parent Secret that is not the set's", async () => {
    await startServer();
    server.seed({ apiVersion: "v1", kind: "Secret", metadata: { name: "kf", namespace: "default" }, data: {} });
    await expect(apply(base("p3", "p3.example.com"), { set })).rejects.toThrow(/exists but is not the parent of set "kf"/);
  });
});
