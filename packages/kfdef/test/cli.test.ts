import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Builder } from "@kfrender/kfdef";
import { buildToYaml } from "@kfrender/kustomize";
import { NodeFileSystem } from "../../cli/src/node-fs.js";
import { capture, runImages, runRender } from "./support/cli.js";
import { KFDEF_FIXTURES, SHARED } from "./support/paths.js";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kfrender-cli-"));
  fs.mkdirSync(path.join(tmp, "repo/a/base"), { recursive: true });
  fs.mkdirSync(path.join(tmp, "repo/b/base"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "repo/a/base/kustomization.yaml"), "resources: []\n");
  fs.writeFileSync(path.join(tmp, "repo/b/base/kustomization.yaml"), "resources: []\n");
  fs.writeFileSync(
    path.join(tmp, "kfdef.yaml"),
    `apiVersion: kfdef.apps.kubeflow.org/v1
kind: KfDef
metadata: {name: kf, namespace: kubeflow}
spec:
  repos: [{name: manifests, uri: x}]
  applications:
  - {name: alpha, kustomizeConfig: {repoRef: {name: manifests, path: a}}}
  - {name: beta/x, kustomizeConfig: {repoRef: {name: manifests, path: b}}}
  - {name: gamma, kustomizeConfig: {repoRef: {name: manifests, path: a}, overlays: [missing]}}
`,
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pod = (name: string, image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - image: ${image}\n    name: c\n`;
/** Stand-in engine: a Pod per application (no kustomize needed for the CLI's mechanics). */
const appOf = (dir: string) => dir.split("/kustomize/")[1]!.replace("/", "-");
const builder: Builder = (dir) => ({ output: pod(appOf(dir), `gcr.io/x/${appOf(dir)}:1`), warnings: [] });
const deps = { builder };
const base = () => [path.join(tmp, "kfdef.yaml"), "--repo", `manifests=${path.join(tmp, "repo")}`];

describe("kfrender render", () => {
  it("fails naming the application, printing nothing, without --keep-going", async () => {
    const r = await capture(runRender, base(), { deps });
    expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: application gamma: no overlay missing for component at /kubeflow/kustomize/gamma\n" });
  });

  it("prints the others and reports failures with --keep-going", async () => {
    const r = await capture(runRender, [...base(), "--keep-going"], { deps });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(pod("alpha", "gcr.io/x/alpha:1") + "---\n" + pod("beta-x", "gcr.io/x/beta-x:1"));
    expect(r.stderr).toMatch(/^Error: application gamma: no overlay missing/m);
    expect(r.stderr).toMatch(/^Error: 1 of 3 applications failed: gamma$/m);
  });

  it("shows progress on stderr only when it is a terminal", async () => {
    const r = await capture(runRender, [...base(), "--keep-going"], { deps, isTTY: true });
    expect(r.stderr).toContain("[1/3] alpha …\n[1/3] alpha: 1 resource\n");
    expect(r.stderr).toContain("[3/3] gamma: failed\n");
  });

  it("writes NN-name.yaml per application with -o, and refuses to overwrite different content", async () => {
    const out = path.join(tmp, "out");
    const r = await capture(runRender, [...base(), "--keep-going", "-o", out], { deps });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(fs.readdirSync(out).sort()).toEqual(["01-alpha.yaml", "02-beta_x.yaml"]);
    expect(fs.readFileSync(path.join(out, "02-beta_x.yaml"), "utf8")).toBe(pod("beta-x", "gcr.io/x/beta-x:1"));
    fs.writeFileSync(path.join(out, "01-alpha.yaml"), "changed\n");
    await expect(capture(runRender, [...base(), "--keep-going", "-o", out], { deps })).rejects.toThrow(/refusing to overwrite/);
  });

  it("checks against a golden file with a unified diff, and updates it", async () => {
    const golden = path.join(tmp, "golden.yaml");
    const missing = await capture(runRender, [...base(), "--keep-going", "--check", golden], { deps });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("does not exist (run with --update to create it)");
    const updated = await capture(runRender, [...base(), "--keep-going", "--check", golden, "--update"], { deps });
    expect(updated.code).toBe(1); // gamma still failed
    expect(updated.stderr).toContain(`updated ${golden}`);
    fs.writeFileSync(golden, fs.readFileSync(golden, "utf8").replace("gcr.io/x/beta-x:1", "gcr.io/x/beta-x:0"));
    const diff = await capture(runRender, [...base(), "--keep-going", "--check", golden], { deps });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toBe(`--- ${golden}\n+++ actual output\n@@ -13,5 +13,5 @@\n   name: beta-x\n spec:\n   containers:\n-  - image: gcr.io/x/beta-x:0\n+  - image: gcr.io/x/beta-x:1\n     name: c\n`);
  });

  it("applies --airgap-registry, --image-prefix and --annotate-instance", async () => {
    const wrapper: Builder = (dir, fs) =>
      dir.endsWith(".airgap") ? { output: fs.readFile(`${dir}/first-build.yaml`).replace(/image: /g, "image: reg/"), warnings: [] } : builder(dir, fs, {});
    const r = await capture(
      runRender,
      [...base(), "--keep-going", "--airgap-registry", "reg/", "--image-prefix", "reg/gcr.io/x/alpha=mirror/a", "--annotate-instance"],
      { deps: { builder: wrapper } },
    );
    expect(r.stdout).toContain("image: mirror/a:1");
    expect(r.stdout).toContain("image: reg/gcr.io/x/beta-x:1");
    expect(r.stdout).toContain("kfctl.kubeflow.io/kfdef-instance: kf.kubeflow");
  });

  it.each([
    [["a", "b"], /specify one PATH/],
    [["x.yaml", "--repo", "noequals"], /expected NAME=DIR/],
    [["x.yaml", "--repo", "m=/does/not/exist"], /is not a directory/],
    [["x.yaml", "--image-prefix", "=x"], /non-empty SRC/],
    [["x.yaml", "--update"], /--update needs --check/],
    [["x.yaml", "--check", "f", "-o", "d"], /cannot be used together/],
    [["x.yaml", "--bogus"], /unknown flag/],
  ])("rejects bad usage %j with status 2", async (argv, msg) => {
    const r = await capture(runRender, argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it("reports a file that is not a KfDef", async () => {
    const f = path.join(tmp, "cm.yaml");
    fs.writeFileSync(f, "apiVersion: v1\nkind: ConfigMap\n");
    const r = await capture(runRender, [f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${f}: unsupported apiVersion "v1" (expected kfdef.apps.kubeflow.org/v1 or kfdef.apps.kubeflow.org/v1beta1); nothing rendered\n`);
  });

  it("warns about --repo names the KfDef does not list", async () => {
    const r = await capture(runRender, [...base(), "--repo", `other=${tmp}`, "--keep-going"], { deps });
    expect(r.stderr).toContain("Warning: --repo other: the KfDef's spec.repos has no repo named other; ignored\n");
  });
});

describe("kfrender images", () => {
  it("lists distinct references sorted, after rewriting", async () => {
    const r = await capture(runImages, [...base(), "--keep-going", "--image-prefix", "gcr.io/x/beta-x=b"], { deps });
    expect(r.stdout).toBe("b:1\ngcr.io/x/alpha:1\n");
    expect(r.code).toBe(1);
  });

  it("refuses -o", async () => {
    expect((await capture(runImages, [...base(), "-o", tmp])).code).toBe(2);
  });
});

describe("kfrender render of kustomization directories (kustomize engine)", () => {
  it("renders the KfDef a kustomization builds (the HPE example, MANIFEST_REPO_URI from the environment)", async () => {
    const dir = path.join(SHARED, "kfdef-examples/ecp-hpecp-5.3.0/kfctl_hcp_istio/overlays/manifest-uri");
    const manifests = path.join(SHARED, "corpora/kubeflow-manifests-v1.0.2");
    const r = await capture(runRender, [dir, "--repo", `manifests=${manifests}`, "--keep-going"], {
      deps,
      env: { MANIFEST_REPO_URI: "file:///opt/mapr/manifests.tar.gz" },
    });
    // The HPE applications whose overlays or paths are not in the v1.0.2 manifests fail by name;
    // the others render (here through the stand-in engine: one Pod each).
    expect(r.stderr).toMatch(/^Error: application istio-install: no overlay grafana/m);
    expect(r.stderr).toMatch(/^Error: application prism: prism is not a directory of repository manifests$/m);
    expect(r.stdout).toContain("name: application-crds\n");
    expect(r.code).toBe(1);
  });

  it("prints a kustomization without KfDef as build does", async () => {
    const dir = path.join(KFDEF_FIXTURES, "install-order/repo/mix/base");
    const r = await capture(runRender, [dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(buildToYaml(dir, { fs: new NodeFileSystem() }));
    expect(r.stdout).toContain("kind: Apple\n");
  });
});
