import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Decision, formatDecisionTable } from "@kfrender/sources";
import { runSources } from "../../cli/src/commands/sources.js";
import { githubArchive, tempDir, writeTree } from "./helpers.js";

describe("formatDecisionTable", () => {
  it("aligns columns and puts warnings and errors under their repo", () => {
    const decisions: Decision[] = [
      { repo: "manifests", rule: 1, source: "local", dir: "/c/manifests", uri: "u", reason: "because", warnings: [] },
      { repo: "x", rule: 3, source: "cache", dir: "/c/x", uri: "u", reason: "fallback", warnings: ["w1", "w2"] },
      { repo: "bad", rule: 4, source: "none", uri: "u", reason: "no", warnings: [], error: "boom" },
      { repo: "o", source: "override", dir: "/o", uri: "", reason: "given", warnings: [] },
    ];
    expect(formatDecisionTable(decisions)).toBe(
      [
        "REPO       RULE  SOURCE    DIRECTORY     REASON",
        "manifests  1     local     /c/manifests  because",
        "x          3     cache     /c/x          fallback",
        "  warning: w1",
        "  warning: w2",
        "bad        4     none      -             no",
        "  error: boom",
        "o          -     override  /o            given",
        "",
      ].join("\n"),
    );
    expect(formatDecisionTable([])).toBe("REPO  RULE  SOURCE  DIRECTORY  REASON\n");
  });
});

describe("kfrender sources", () => {
  let base: string;
  beforeEach(async () => {
    base = await tempDir();
    await fsp.writeFile(join(base, "manifests.tar.gz"), githubArchive("manifests-1.2.0", { "kustomization.yaml": "resources: []\n" }));
    await writeTree(join(base, "user/one"), { "kustomization.yaml": "resources: []\n" });
    await fsp.writeFile(join(base, "user/file"), "not a directory");
  });

  const run = async (argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runSources(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  };

  it("prints the decision table for one repo per rule", async () => {
    const tgz = `file://${base}/manifests.tar.gz`;
    await fsp.writeFile(
      join(base, "kfctl.yaml"),
      `apiVersion: kfdef.apps.kubeflow.org/v1
kind: KfDef
spec:
  repos:
  - name: rule1
    path: user/one
    uri: ${tgz}
  - name: rule2
    path: user/two
    uri: ${tgz}
  - name: rule3
    path: user/file
    uri: ${tgz}
  - name: rule4
    uri: ${tgz}
`,
    );
    const first = await run([join(base, "kfctl.yaml"), "--cache-dir", join(base, "c")]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // Column widths follow the length of the temporary paths: compare cells.
    const cells = first.stdout
      .replaceAll(base, "$BASE")
      .trimEnd()
      .split("\n")
      .map((l) => (l.startsWith("  ") ? l : l.split(/ {2,}/)));
    expect(cells).toEqual([
      ["REPO", "RULE", "SOURCE", "DIRECTORY", "REASON"],
      ["rule1", "1", "local", "$BASE/c/rule1", "local path $BASE/user/one has files: copied into the cache; built-in manifests ignored"],
      ["rule2", "2", "built-in", "$BASE/c/rule2", "local path $BASE/user/two does not exist: built-in manifests (unpacked $BASE/manifests.tar.gz) copied there for editing and used"],
      ["rule3", "3", "built-in", "$BASE/c/rule3", "local path $BASE/user/file cannot be read: built-in manifests used (unpacked $BASE/manifests.tar.gz)"],
      "  warning: local path $BASE/user/file cannot be read (it is not a directory); the built-in manifests are used instead",
      ["rule4", "4", "built-in", "$BASE/c/rule4", "path not set: unpacked $BASE/manifests.tar.gz"],
    ]);
    // Columns line up: every cell starts where its header does.
    const rows = first.stdout.split("\n").filter((l) => l && !l.startsWith("  "));
    const starts = (l: string) => [...l.matchAll(/(?:^| {2,})\S/g)].map((m) => m.index + m[0].length - 1);
    for (const r of rows) expect(starts(r)).toEqual(starts(rows[0]!));
  });

  it("exits 1 and names the failures when a repo cannot be resolved; 2 for usage errors", async () => {
    await fsp.writeFile(join(base, "k.yaml"), "spec:\n  repos:\n  - name: m\n    uri: s3://b/k.tgz\n");
    const r = await run([join(base, "k.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("m     4     none");
    expect(r.stdout).toContain('  error: uri s3://b/k.tgz: unsupported scheme "s3:"');
    expect(r.stderr).toBe("Error: 1 of 1 repo(s) could not be resolved\n");

    expect((await run([])).code).toBe(2);
    expect((await run(["a", "b"])).stderr).toMatch(/^Error: specify one KfDef file/);
    expect((await run([join(base, "k.yaml"), "--bogus"])).code).toBe(2);
    const missing = await run([join(base, "nope.yaml")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: cannot read KfDef .*nope\.yaml: ENOENT/);
    expect((await run(["--help"])).stdout).toContain("Usage: kfrender sources KFDEF");
  });

  it("--refresh fetches again; the default cache is .cache beside the KfDef", async () => {
    await fsp.writeFile(join(base, "k.yaml"), `spec:\n  repos:\n  - name: m\n    uri: manifests.tar.gz\n`);
    const row = async (argv: string[]) => (await run(argv)).stdout.split("\n")[1]!.split(/ {2,}/).slice(0, 4);
    expect(await row([join(base, "k.yaml")])).toEqual(["m", "4", "built-in", `${base}/.cache/m`]);
    expect(await row([join(base, "k.yaml")])).toEqual(["m", "4", "cache", `${base}/.cache/m`]);
    expect(await row([join(base, "k.yaml"), "--refresh"])).toEqual(["m", "4", "built-in", `${base}/.cache/m`]);
  });
});
