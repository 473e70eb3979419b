import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { capture, runRender } from "./support/cli.js";
import { SHARED } from "./support/paths.js";

// The definition of done: `kfrender render KFDEF --repo manifests=DIR --keep-going` prints
// exactly the golden of ../shared/specs/kfdef-goldens/<case>/expected.yaml.
const corpora = path.join(SHARED, "corpora");
const goldens = path.join(SHARED, "specs", "kfdef-goldens");

const CASES = [
  { golden: "kfctl_k8s_istio.v1.0.2", manifests: "kubeflow-manifests-v1.0.2", kfdef: "kfctl_k8s_istio.v1.0.2.yaml", flags: [] as string[] },
  { golden: "kfctl_k8s_istio.v1.2.0", manifests: "kubeflow-manifests-v1.2.0", kfdef: "kfctl_k8s_istio.v1.2.0.yaml", flags: [] },
  { golden: "kfctl_k8s_istio.v1.0.2-airgap", manifests: "kubeflow-manifests-v1.0.2", kfdef: "kfctl_k8s_istio.v1.0.2.yaml", flags: ["--airgap-registry", "registry.local:5000/"] },
];

describe("kfrender render reproduces the KfDef goldens", () => {
  for (const c of CASES) {
    it(c.golden, async () => {
      const repo = path.join(corpora, c.manifests);
      const r = await capture(runRender, [path.join(repo, "kfdef", c.kfdef), "--repo", `manifests=${repo}`, "--keep-going", ...c.flags]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const expected = fs.readFileSync(path.join(goldens, c.golden, "expected.yaml"), "utf8");
      // Compare by document first: a failure then names the first differing resource, not 1.7 MB.
      const got = r.stdout.split("\n---\n");
      const want = expected.split("\n---\n");
      for (let i = 0; i < Math.min(got.length, want.length); i++) expect(got[i], `document ${i + 1}`).toBe(want[i]);
      expect(got.length).toBe(want.length);
      expect(r.stdout === expected).toBe(true);
    }, 300_000);
  }
});
