import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type CaseResult, type CorpusCase, readBaseline, runCase, writeBaseline } from "./support/corpus.js";
import { REPO_ROOT, SHARED } from "./support/paths.js";

/**
 * The 771 kustomization dirs of the Kubeflow corpora (../shared/corpora/INDEX.tsv), built in-process
 * and compared with the sha256 of kubectl kustomize's output. Every case listed in the baseline must
 * pass; KFRENDER_UPDATE_BASELINE=1 rewrites the baseline from this run.
 */
const INDEX = path.join(SHARED, "corpora", "INDEX.tsv");
const BASELINE = path.join(REPO_ROOT, "packages/kustomize/test/baselines/corpora-passing.txt");

function corpusCases(): CorpusCase[] {
  const lines = fs.readFileSync(INDEX, "utf8").split("\n").slice(1).filter(Boolean);
  return lines.map((line) => {
    const [dir, flags, status, sha] = line.split("\t") as [string, string, string, string];
    return {
      name: dir,
      dir: path.join(SHARED, "corpora", dir),
      restrictor: flags.includes("LoadRestrictionsNone") ? "LoadRestrictionsNone" : "LoadRestrictionsRootOnly",
      sha256: status === "ok" ? sha : null,
    };
  });
}

describe("Kubeflow corpora conformance", () => {
  it("builds every indexed dir as kubectl kustomize does, with no regression from the baseline", () => {
    const results: CaseResult[] = corpusCases().map(runCase);
    const passed = results.filter((r) => r.pass).length;
    console.log(`corpora conformance: ${passed} passed, ${results.length - passed} failed (of ${results.length})`);
    if (process.env.KFRENDER_UPDATE_BASELINE) writeBaseline(BASELINE, results);
    const baseline = readBaseline(BASELINE);
    const regressions = results.filter((r) => !r.pass && baseline.has(r.name)).map((r) => `${r.name}: ${r.detail}`);
    expect(regressions).toEqual([]);
  }, 600_000);
});
