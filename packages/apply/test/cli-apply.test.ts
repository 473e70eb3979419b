import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringifyResource } from "@kfrender/yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parseDuration, runApply } from "../../cli/src/commands/apply.js";
import { scenario } from "./support/scenario.js";
import { TestApiServer } from "./support/test-apiserver.js";

/** `kfrender apply` is tested here, beside the package it drives (the CLI file is this area's). */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kfrender-cli-apply-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], stdin = "") {
  let out = "";
  let err = "";
  const code = await runApply(argv, { stdin: async () => stdin, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const yamlOf = (objs: object[]) => objs.map((o) => `---\n${stringifyResource(o as never)}`).join("");

describe("kfrender apply --dry-run=client", () => {
  it("prints the ordered plan from stdin without a cluster", async () => {
    const s = scenario("cli");
    const { code, out, err } = await run(["--dry-run=client", "-f", "-", "--kubeconfig", "/nonexistent"], yamlOf(s.manifests));
    expect(err).toBe("");
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe("# Client dry run: 10 server-side apply requests (PATCH ?fieldManager=kfrender, Content-Type: application/apply-patch+yaml), in this order.");
    expect(lines.slice(1)).toEqual([
      "# 1. Namespaces",
      " 1  PATCH /api/v1/namespaces/kfr-cli",
      "# 2. CustomResourceDefinitions (their custom resources wait for Established)",
      " 2  PATCH /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.kfr-cli.example.com",
      "# 3. cluster-wide RBAC",
      " 3  PATCH /apis/rbac.authorization.k8s.io/v1/clusterroles/kfr-cli-reader",
      " 4  PATCH /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kfr-cli-reader",
      "# 4. everything else (kfctl's kind order, then other kinds by name)",
      " 5  PATCH /api/v1/namespaces/kfr-cli/configmaps/settings",
      " 6  PATCH /api/v1/namespaces/kfr-cli/serviceaccounts/web",
      " 7  PATCH /api/v1/namespaces/kfr-cli/services/web",
      " 8  PATCH /apis/apps/v1/namespaces/kfr-cli/deployments/web",
      " 9  PATCH /apis/kfr-cli.example.com/v1/namespaces/kfr-cli/widgets/w1  # waits for CustomResourceDefinition widgets.kfr-cli.example.com to be Established",
      "# 5. webhook configurations and APIServices",
      "10  PATCH /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kfr-cli",
    ]);
  });

  it("prints the exact requests with -o json, set label and default namespace included", async () => {
    const input = yamlOf([
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { big: "1" } },
      { apiVersion: "example.com/v1", kind: "Thing", metadata: { name: "t" } },
    ]);
    const { code, out } = await run(["--dry-run=client", "-o", "json", "-f", "-", "-n", "team", "--set", "kf", "--force-conflicts"], input);
    expect(code).toBe(0);
    const reqs = out.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(reqs[0]).toEqual({
      method: "PATCH",
      path: "/api/v1/namespaces/team/configmaps/c",
      query: { fieldManager: "kfrender", force: "true" },
      contentType: "application/apply-patch+yaml",
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "team", labels: { "applyset.kubernetes.io/part-of": expect.stringMatching(/^applyset-[A-Za-z0-9_-]{43}-v1$/) } }, data: { big: "1" } },
    });
    // An unknown kind without a namespace: a cluster-scoped guess.
    expect(reqs[1].path).toBe("/apis/example.com/v1/things/t");
  });

  it("reads files and directories", async () => {
    const dir = path.join(tmp, "manifests");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "b.yaml"), yamlOf([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "x" } }]));
    fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "x" } }] }));
    fs.writeFileSync(path.join(dir, "notes.txt"), "ignored");
    const { code, out } = await run(["--dry-run", "-f", dir]);
    expect(code).toBe(0);
    expect(out).toContain("\n1  PATCH /api/v1/namespaces/x\n");
    expect(out).toContain("\n2  PATCH /api/v1/namespaces/x/configmaps/b\n");
  });
});

describe("kfrender apply usage", () => {
  it.each([
    [[], "give the resources with -f"],
    [["-f", "-", "--prune"], "--prune needs --set NAME"],
    [["-f", "-", "--dry-run=maybe"], "--dry-run must be none, client or server"],
    [["-f", "-", "--set", "Bad_Name"], "must be a lower-case DNS name"],
    [["-f", "-", "--timeout", "soon"], "not a duration"],
    [["-f", "-", "-o", "yaml"], "--output must be one of table, json"],
    [["-f", "-", "-f", "-"], "stdin (-f -) can be read only once"],
    [["-f", "-", "--what"], "unknown flag: --what"],
  ])("%j exits 2", async (argv, message) => {
    const { code, err } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("Usage: kfrender apply");
  });

  it("reports bad input and an unreadable kubeconfig with exit 1, no stack trace", async () => {
    let r = await run(["--dry-run=client", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
    expect([r.code, r.err]).toEqual([1, "error: resource 1 (ConfigMap) has no metadata.name (generateName is not supported by apply)\n"]);
    r = await run(["-f", "-", "--kubeconfig", path.join(tmp, "missing")], "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: cannot load kubeconfig .*missing/);
  });

  it("says when there is no kubeconfig at all", async () => {
    const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
    const home = fs.mkdtempSync(path.join(tmp, "home-"));
    process.env.HOME = home;
    delete process.env.KUBECONFIG;
    try {
      const r = await run(["-f", "-"], "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
      expect([r.code, r.err]).toEqual([1, "error: no kubeconfig found: set KUBECONFIG or pass --kubeconfig\n"]);
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.KUBECONFIG !== undefined) process.env.KUBECONFIG = saved.KUBECONFIG;
    }
  });

  it("parses durations", () => {
    expect([parseDuration("90"), parseDuration("90s"), parseDuration("1m30s"), parseDuration("250ms")]).toEqual([90_000, 90_000, 90_000, 250]);
  });
});

describe("kfrender apply against the test API server", () => {
  it("prints a result row per resource and exits 1 with the conflict's field manager named", async () => {
    const server = await new TestApiServer({ crdEstablishDelayMs: 100 }).start();
    try {
      const kubeconfig = server.writeKubeconfig(tmp);
      const s = scenario("clirun");
      server.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
      server.seed({ apiVersion: "v1", kind: "Namespace", metadata: { name: s.ns } });
      server.seed({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: s.ns }, data: { mode: "other" } }, "helm");
      const file = path.join(tmp, "scenario.yaml");
      fs.writeFileSync(file, yamlOf(s.manifests));
      const first = await run(["-f", file, "--kubeconfig", kubeconfig]);
      expect(first.code).toBe(1);
      const rows = first.out.split("\n");
      expect(rows[0]).toMatch(/^RESULT\s+KIND\s+NAME\s+MESSAGE$/);
      // Seeded with the same content: taking shared ownership changes nothing.
      expect(rows[1]).toMatch(new RegExp(`^unchanged\\s+Namespace\\s+${s.ns}$`));
      expect(first.out).toMatch(/failed\s+ConfigMap\s+kfr-clirun\/settings\s+Apply failed with 1 conflict: conflict with "helm" using v1: \.data\.mode/);
      expect(first.out).toMatch(/created\s+Widget\.kfr-clirun\.example\.com\s+kfr-clirun\/w1/);
      expect(first.out).toContain("Applied 10 resources: 8 created, 1 unchanged, 1 failed.");

      const second = await run(["-f", file, "--kubeconfig", kubeconfig, "--force-conflicts", "-o", "json"]);
      expect(second.code).toBe(0);
      const report = JSON.parse(second.out);
      expect(report.failed).toBe(0);
      expect(report.results.map((r: { status: string }) => r.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "configured", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);

      // A set, then prune previews: client dry run (reads only) and server dry run.
      expect((await run(["-f", file, "--kubeconfig", kubeconfig, "--set", "demo"])).code).toBe(0);
      const smaller = yamlOf(s.manifests.filter((m) => m.kind !== "ConfigMap"));
      const preview = await run(["--dry-run=client", "-f", "-", "--kubeconfig", kubeconfig, "--set", "demo", "--prune"], smaller);
      expect(preview.code).toBe(0);
      expect(preview.out).toMatch(/would delete\s+ConfigMap\s+kfr-clirun\/settings\n/);
      expect(preview.out).toContain("Prune (dry run): 1 would delete.");
      const pruned = await run(["-f", "-", "--kubeconfig", kubeconfig, "--set", "demo", "--prune"], smaller);
      expect(pruned.code).toBe(0);
      expect(pruned.out).toMatch(/deleted\s+ConfigMap\s+kfr-clirun\/settings\n/);
      expect(server.get("v1", "ConfigMap", s.ns, "settings")).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});

/**
 * The acceptance check: the modern Kubeflow example through `kfrender apply --dry-run=client -f -`.
 * The input is rendered by `kubectl kustomize` (the oracle, whose output `kfrender build` must
 * match byte for byte) where it is installed, else by kfrender's own engine. The oracle comes first
 * so that this test does not depend on the state of the engine, which has its own tests.
 */
const EXAMPLE = "/work/shared/corpora/kubeflow-manifests-master/example-offline";
async function renderExample(): Promise<string | undefined> {
  if (!fs.existsSync(EXAMPLE)) return undefined;
  try {
    return execFileSync("kubectl", ["kustomize", EXAMPLE], { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "ignore"], timeout: 300_000 });
  } catch {
    try {
      const [{ build }, { NodeFileSystem }, { stringifyResource: str }] = await Promise.all([import("@kfrender/kustomize"), import("../../cli/src/node-fs.js"), import("@kfrender/yaml")]);
      const { resources } = build(EXAMPLE, { fs: new NodeFileSystem(), loadRestrictor: "LoadRestrictionsRootOnly", env: {} });
      return resources.map((r) => `---\n${str(r.obj)}`).join("");
    } catch {
      return undefined;
    }
  }
}

describe("the Kubeflow example", async () => {
  const rendered = await renderExample();
  it.skipIf(rendered === undefined)("plans the whole install in order", { timeout: 300_000 }, async () => {
    const { code, out, err } = await run(["--dry-run=client", "-f", "-"], rendered!);
    expect(err).toBe("");
    expect(code).toBe(0);
    const steps = out.split("\n").filter((l) => /^\s*\d+\s+PATCH /.test(l));
    const documents = rendered!.split(/^---$/m).filter((d) => /^kind:/m.test(d)).length;
    expect(steps.length).toBe(documents);
    const kindAt = (l: string) => l.split("/").at(-2);
    const firstNonNamespace = steps.findIndex((l) => kindAt(l) !== "namespaces");
    const crds = steps.filter((l) => kindAt(l) === "customresourcedefinitions").length;
    expect(crds).toBeGreaterThan(0);
    expect(steps.slice(firstNonNamespace, firstNonNamespace + crds).every((l) => kindAt(l) === "customresourcedefinitions")).toBe(true);
    const webhooks = steps.filter((l) => /webhookconfigurations\//.test(l)).length;
    expect(steps.slice(-webhooks).every((l) => /webhookconfigurations\//.test(l))).toBe(true);
    // Every custom resource of an example CRD says it waits for that CRD.
    expect(steps.some((l) => l.includes("# waits for CustomResourceDefinition"))).toBe(true);
  });
});
