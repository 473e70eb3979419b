import { randomBytes } from "node:crypto";
import { type KubeconfigConnection, applyResources, connectWithKubeconfig } from "@kfrender/apply";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowOf, scenario } from "./support/scenario.js";

/**
 * The apply scenario against a real cluster: set KFRENDER_TEST_KUBECONFIG to a kubeconfig whose
 * current context may create a namespace, a CRD, cluster roles and a webhook configuration. Every
 * name carries a random suffix, and everything made is deleted afterwards.
 */
const KUBECONFIG = process.env.KFRENDER_TEST_KUBECONFIG;

describe.skipIf(!KUBECONFIG)("apply against a real cluster", () => {
  const s = scenario(randomBytes(3).toString("hex"));
  const set = { name: `kfr-${s.suffix}`, namespace: s.ns };
  let conn: KubeconfigConnection;
  const t = () => conn.transport;

  beforeAll(async () => {
    conn = await connectWithKubeconfig({ kubeconfig: KUBECONFIG! });
  });

  afterAll(async () => {
    if (!conn) return;
    const paths = [
      `/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kfr-${s.suffix}`,
      `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kfr-${s.suffix}-reader`,
      `/apis/rbac.authorization.k8s.io/v1/clusterroles/kfr-${s.suffix}-reader`,
      `/apis/${s.group}/v1/namespaces/${s.ns}/widgets/w1`,
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${s.crdName}`,
      `/api/v1/namespaces/${s.ns}`,
    ];
    for (const path of paths) await t().request({ method: "DELETE", path }).catch(() => undefined);
    t().close?.();
  });

  const apply = (opts: Partial<Parameters<typeof applyResources>[1]> = {}, objects = s.manifests) =>
    applyResources(objects, { transport: t(), set, crdTimeoutMs: 60_000, ...opts });

  it("applies in order, waits for the CRD, and is unchanged on a second run", async () => {
    const first = await apply();
    expect(first.results.filter((r) => r.status === "failed")).toEqual([]);
    expect(first.results.map(rowOf)).toEqual(s.expectedOrder);
    expect(first.results.every((r) => r.status === "created")).toBe(true);
    const cr = await t().request({ method: "GET", path: `/apis/${s.group}/v1/namespaces/${s.ns}/widgets/w1` });
    expect(cr.status).toBe(200);
    expect((JSON.parse(cr.body) as { spec: unknown }).spec).toEqual({ size: 3, custom: { nested: { deep: ["a", "b"] } } });
    const second = await apply();
    expect(second.results.filter((r) => r.status !== "unchanged").map((r) => `${rowOf(r)}:${r.status}:${r.message ?? ""}`)).toEqual([]);
  }, 180_000);

  it("fails a conflicting apply naming the field manager, and forces it when asked", async () => {
    const other = await t().request({
      method: "PATCH",
      path: `/api/v1/namespaces/${s.ns}/configmaps/settings`,
      query: { fieldManager: "kfrender-test-other", force: "true" },
      contentType: "application/apply-patch+yaml",
      body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: s.ns }, data: { mode: "other" } }),
    });
    expect(other.status).toBe(200);
    const conflicted = await apply();
    const cm = conflicted.results.find((r) => r.ref.kind === "ConfigMap")!;
    expect(cm.status).toBe("failed");
    expect(cm.message).toContain('conflict with "kfrender-test-other"');
    expect(cm.message).toContain(".data.mode");
    expect(conflicted.failed).toBe(1);
    const forced = await apply({ forceConflicts: true });
    expect(forced.results.find((r) => r.ref.kind === "ConfigMap")!.status).toBe("configured");
    expect(forced.failed).toBe(0);
  }, 180_000);

  it("server dry run changes nothing; prune removes exactly the stale members", async () => {
    const smaller = s.manifests.filter((m) => m.kind !== "ConfigMap" && m.kind !== "Service");
    const dry = await apply({ prune: true, dryRun: "server" }, smaller);
    expect(dry.pruned!.map((p) => `${rowOf(p)}:${p.status}`).sort()).toEqual([`ConfigMap ${s.ns}/settings:would delete`, `Service ${s.ns}/web:would delete`]);
    expect((await t().request({ method: "GET", path: `/api/v1/namespaces/${s.ns}/services/web` })).status).toBe(200);
    const pruned = await apply({ prune: true }, smaller);
    expect(pruned.failed).toBe(0);
    expect(pruned.pruned!.map((p) => `${rowOf(p)}:${p.status}`).sort()).toEqual([`ConfigMap ${s.ns}/settings:deleted`, `Service ${s.ns}/web:deleted`]);
    expect((await t().request({ method: "GET", path: `/api/v1/namespaces/${s.ns}/services/web` })).status).toBe(404);
    expect((await t().request({ method: "GET", path: `/apis/apps/v1/namespaces/${s.ns}/deployments/web` })).status).toBe(200);
  }, 180_000);
});
