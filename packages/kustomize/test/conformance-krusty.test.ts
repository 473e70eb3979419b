import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type CaseResult, readBaseline, runCase, writeBaseline } from "./support/corpus.js";
import { REPO_ROOT, SHARED } from "./support/paths.js";

/**
 * kustomize's own integration cases (../shared/conformance/krusty), expected output from kubectl.
 * Same contract as the corpora test: counts printed, no regression from the baseline.
 */
const KRUSTY = path.join(SHARED, "conformance", "krusty");
const BASELINE = path.join(REPO_ROOT, "packages/kustomize/test/baselines/krusty-passing.txt");

function krustyCases() {
  const rows = fs.readFileSync(path.join(KRUSTY, "index.tsv"), "utf8").split("\n").slice(1).filter(Boolean);
  return rows
    .map((row) => row.split("\t") as [string, string, string])
    .filter(([, status]) => status === "agree" || status === "differs")
    .map(([name, , flags]) => {
      const dir = path.join(KRUSTY, "cases", name);
      const buildDir = fs.readFileSync(path.join(dir, "build-dir"), "utf8").trim();
      const expected = path.join(dir, "expected.yaml");
      return {
        name,
        dir: path.join(dir, "input", buildDir),
        restrictor: (flags ?? "").includes("LoadRestrictionsNone")
          ? ("LoadRestrictionsNone" as const)
          : ("LoadRestrictionsRootOnly" as const),
        sha256: fs.existsSync(expected) ? createHash("sha256").update(fs.readFileSync(expected)).digest("hex") : null,
      };
    });
}

describe("kustomize krusty conformance", () => {
  it("matches kubectl on kustomize's own test cases, with no regression from the baseline", () => {
    const results: CaseResult[] = krustyCases().map(runCase);
    const passed = results.filter((r) => r.pass).length;
    console.log(`krusty conformance: ${passed} passed, ${results.length - passed} failed (of ${results.length})`);
    if (process.env.KFRENDER_UPDATE_BASELINE) writeBaseline(BASELINE, results);
    const baseline = readBaseline(BASELINE);
    const regressions = results.filter((r) => !r.pass && baseline.has(r.name)).map((r) => `${r.name}: ${r.detail}`);
    expect(regressions).toEqual([]);
  }, 600_000);
});
