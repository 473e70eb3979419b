// kubectl kustomize output is a fixed point: reading it and printing it again must give the same
// bytes. A strong check of the printer (every style, fold and key order kubectl produced) and of
// the reader on real manifests.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringifyAll } from "@kfrender/yaml";

// ../shared beside the repository root (CI clones the repo elsewhere with shared/ next to it).
const shared = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../../shared");
const krusty = join(shared, "conformance/krusty/cases");

function firstDifference(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n  ours:   ${JSON.stringify(x[i])}\n  kubectl: ${JSON.stringify(y[i])}`;
  }
  return "";
}

describe.skipIf(!existsSync(krusty))("krusty expected outputs are a fixed point", () => {
  const cases = existsSync(krusty) ? readdirSync(krusty).filter((c) => existsSync(join(krusty, c, "expected.yaml"))) : [];
  it(`all ${cases.length} cases`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const text = readFileSync(join(krusty, c, "expected.yaml"), "utf8");
      const out = stringifyAll(parseAllDocuments(text));
      if (out !== text) failures.push(`${c}: ${firstDifference(out, text)}`);
    }
    expect(failures).toEqual([]);
  });
});

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// A few corpus directories, built by kubectl at test time.
const corpusDirs = [
  "kubeflow-manifests-master/applications/model-registry/upstream/overlays/postgres",
  "kubeflow-manifests-v1.0.2/gcp/iap-ingress/overlays/application",
  "kubeflow-manifests-master/applications/spark/spark-operator/overlays/standalone",
  "kubeflow-manifests-master/common/oauth2-proxy/overlays/m2m-dex-and-kind",
  "kubeflow-manifests-v1.2.0/stacks/aws/application/cluster-local-gateway",
  "kubeflow-manifests-master/applications/katib/upstream/installs/katib-standalone",
];

describe.skipIf(!existsSync(join(shared, "corpora")) || !hasKubectl())("kubectl output of corpus dirs is a fixed point", () => {
  for (const d of corpusDirs) {
    it(d, () => {
      const text = execFileSync("kubectl", ["kustomize", join(shared, "corpora", d)], {
        encoding: "utf8",
        maxBuffer: 256 << 20,
        stdio: ["ignore", "pipe", "ignore"],
      });
      const out = stringifyAll(parseAllDocuments(text));
      expect(out === text ? "" : firstDifference(out, text)).toBe("");
    });
  }
});
