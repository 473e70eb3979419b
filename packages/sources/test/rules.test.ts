import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Downloader, resolveSources } from "@kfrender/sources";
import { exists, githubArchive, readTree, tempDir, writeTree } from "./helpers.js";

const BUILTIN = { "kustomization.yaml": "resources: [a.yaml]\n", "app/a.yaml": "kind: ConfigMap\n" };
const USER = { "kustomization.yaml": "resources: [mine.yaml]\n", "mine.yaml": "kind: Secret\n" };

const noNetwork: Downloader = async (url) => {
  throw new Error(`unexpected download of ${url}`);
};

let base: string;
let tarball: string;

beforeEach(async () => {
  base = await tempDir();
  tarball = join(base, "manifests.tar.gz");
  await fsp.writeFile(tarball, githubArchive("manifests-1.0.2", BUILTIN));
});

async function kfdef(repos: string): Promise<string> {
  const file = join(base, "kfctl.yaml");
  await fsp.writeFile(file, `apiVersion: kfdef.apps.kubeflow.org/v1\nkind: KfDef\nmetadata:\n  name: kf\nspec:\n  repos:\n${repos}`);
  return file;
}

describe("rule 1: path set and the local directory has files", () => {
  it("copies the local directory into the cache and ignores the built-in manifests", async () => {
    const local = join(base, "mapr/kubeflow/manifests");
    await writeTree(local, USER);
    // The uri would be an error if it were looked at.
    const file = await kfdef(`  - name: manifests\n    path: ${local}\n    uri: ftp://example.invalid/x.tgz\n`);
    const { repos, decisions } = await resolveSources(file, { download: noNetwork });
    expect(repos).toEqual({ manifests: join(base, ".cache/manifests") });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ repo: "manifests", rule: 1, source: "local", warnings: [] });
    expect(decisions[0]!.reason).toContain("has files: copied into the cache");
    expect(await readTree(repos.manifests!)).toEqual(USER);
    expect(await readTree(local)).toEqual(USER);
  });

  it("reuses an unchanged copy, and copies again after an edit or with refresh", async () => {
    const local = join(base, "local");
    await writeTree(local, USER);
    const file = await kfdef(`  - name: manifests\n    path: local\n    uri: file://${tarball}\n`);
    await resolveSources(file);
    const again = await resolveSources(file);
    expect(again.decisions[0]!.reason).toContain("unchanged since the last copy");
    expect(again.decisions[0]!.source).toBe("local");

    await fsp.writeFile(join(local, "mine.yaml"), "kind: Secret\nedited: true\n");
    const edited = await resolveSources(file);
    expect(edited.decisions[0]!.reason).toContain("copied into the cache");
    expect((await readTree(edited.repos.manifests!))["mine.yaml"]).toContain("edited: true");

    const refreshed = await resolveSources(file, { refresh: true });
    expect(refreshed.decisions[0]!.reason).toContain("copied into the cache");
  });

  it("replaces what the cache held before, without leftovers", async () => {
    const local = join(base, "local");
    await writeTree(local, USER);
    await writeTree(join(base, ".cache/manifests"), { "stale.yaml": "old\n" });
    const file = await kfdef(`  - name: manifests\n    path: local\n    uri: file://${tarball}\n`);
    const { repos } = await resolveSources(file);
    expect(await readTree(repos.manifests!)).toEqual(USER);
    expect((await fsp.readdir(join(base, ".cache"))).sort()).toEqual([".manifests.kfrender.json", "manifests"]);
  });
});

describe("rule 2: path set and the local directory is empty or missing", () => {
  it("puts the built-in manifests into a missing local directory and uses them", async () => {
    const local = join(base, "mapr/kubeflow/manifests");
    const file = await kfdef(`  - name: manifests\n    path: ${local}\n    uri: file://${tarball}\n`);
    const { repos, decisions } = await resolveSources(file);
    expect(decisions[0]).toMatchObject({ rule: 2, source: "built-in", warnings: [] });
    expect(decisions[0]!.reason).toContain("does not exist");
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
    expect(await readTree(local)).toEqual(BUILTIN);
    expect(await fsp.readdir(join(base, "mapr/kubeflow"))).toEqual(["manifests"]);

    // Next time the user's copy (now with files) is what counts: rule 1.
    await fsp.writeFile(join(local, "app/a.yaml"), "kind: ConfigMap\nedited: yes\n");
    const next = await resolveSources(file);
    expect(next.decisions[0]).toMatchObject({ rule: 1, source: "local" });
    expect((await readTree(next.repos.manifests!))["app/a.yaml"]).toContain("edited");
  });

  it("fills an existing empty directory", async () => {
    const local = join(base, "empty");
    await fsp.mkdir(local);
    const file = await kfdef(`  - name: manifests\n    path: empty\n    uri: ${tarball}\n`);
    const { decisions } = await resolveSources(file);
    expect(decisions[0]).toMatchObject({ rule: 2, source: "built-in" });
    expect(decisions[0]!.reason).toContain("is empty");
    expect(await readTree(local)).toEqual(BUILTIN);
  });

  it("follows a symlinked path and fills its target, keeping the link", async () => {
    await fsp.mkdir(join(base, "real"));
    await fsp.symlink("real", join(base, "link"));
    const file = await kfdef(`  - name: manifests\n    path: link\n    uri: ${tarball}\n`);
    const { decisions } = await resolveSources(file);
    expect(decisions[0]).toMatchObject({ rule: 2 });
    expect((await fsp.lstat(join(base, "link"))).isSymbolicLink()).toBe(true);
    expect(await readTree(join(base, "real"))).toEqual(BUILTIN);
  });
});

describe("rule 3: path set but unusable (filesystem faults are in faults.test.ts)", () => {
  it("uses the built-in manifests when the path is a file, with a warning", async () => {
    await fsp.writeFile(join(base, "notadir"), "x");
    const file = await kfdef(`  - name: manifests\n    path: notadir\n    uri: ${tarball}\n`);
    const { repos, decisions } = await resolveSources(file);
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings[0]).toMatch(/cannot be read \(it is not a directory\)/);
    expect(decisions[0]!.error).toBeUndefined();
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
    expect(await fsp.readFile(join(base, "notadir"), "utf8")).toBe("x");
  });
});

describe("rule 4: path not set, uri fetched into the cache", () => {
  it("file:// tarball: single top-level directory stripped", async () => {
    const file = await kfdef(`  - name: manifests\n    uri: file://${tarball}\n`);
    const { repos, decisions } = await resolveSources(file);
    expect(decisions[0]).toMatchObject({ rule: 4, source: "built-in", reason: `path not set: unpacked ${tarball}` });
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
  });

  it(".tgz given as a plain relative path; reused while unchanged; refresh re-fetches", async () => {
    await fsp.copyFile(tarball, join(base, "m.tgz"));
    const file = await kfdef(`  - name: manifests\n    uri: m.tgz\n`);
    expect((await resolveSources(file)).decisions[0]!.source).toBe("built-in");
    expect((await resolveSources(file)).decisions[0]).toMatchObject({ source: "cache", rule: 4 });
    expect((await resolveSources(file, { refresh: true })).decisions[0]!.source).toBe("built-in");
    // A different archive at the same path is noticed (size/mtime).
    await fsp.writeFile(join(base, "m.tgz"), githubArchive("top", { "other.yaml": "x: 1\n" }));
    const changed = await resolveSources(file);
    expect(changed.decisions[0]!.source).toBe("built-in");
    expect(await readTree(changed.repos.manifests!)).toEqual({ "other.yaml": "x: 1\n" });
  });

  it("a tarball without a single top-level directory is unpacked as is", async () => {
    const { rawTarball } = await import("./helpers.js");
    await fsp.writeFile(join(base, "flat.tar.gz"), rawTarball([{ path: "a.yaml", body: "a\n" }, { path: "d/", type: "Directory" }, { path: "d/b.yaml", body: "b\n" }]));
    const file = await kfdef(`  - name: manifests\n    uri: flat.tar.gz\n`);
    const { repos } = await resolveSources(file);
    expect(await readTree(repos.manifests!)).toEqual({ "a.yaml": "a\n", "d/b.yaml": "b\n" });
  });

  it("local directory uri: copied, reused while unchanged", async () => {
    const src = join(base, "upstream");
    await writeTree(src, BUILTIN);
    await fsp.symlink("app/a.yaml", join(src, "link.yaml"));
    const file = await kfdef(`  - name: manifests\n    uri: upstream\n`);
    const first = await resolveSources(file);
    expect(first.decisions[0]).toMatchObject({ rule: 4, source: "built-in", reason: `path not set: copied ${src}` });
    expect(await readTree(first.repos.manifests!)).toEqual({ ...BUILTIN, "link.yaml": "-> app/a.yaml" });
    expect((await resolveSources(file)).decisions[0]!.source).toBe("cache");
    await fsp.writeFile(join(src, "new.yaml"), "n\n");
    expect((await resolveSources(file)).decisions[0]!.source).toBe("built-in");
  });

  it("explains unsupported and missing uris, per repo, without failing the others", async () => {
    const file = await kfdef(
      [
        `  - name: s3\n    uri: s3://bucket/manifests.tgz\n`,
        `  - name: gone\n    uri: ${join(base, "nope")}\n`,
        `  - name: none\n`,
        `  - name: ok\n    uri: ${tarball}\n`,
        `  - name: ok\n    uri: ${join(base, "other")}\n`,
        `  - name: ../evil\n    uri: ${tarball}\n`,
      ].join(""),
    );
    const { repos, decisions } = await resolveSources(file, { cacheDir: join(base, "c") });
    expect(Object.keys(repos)).toEqual(["ok"]);
    expect(repos.ok).toBe(join(base, "c/ok"));
    const byName = Object.fromEntries(decisions.map((d) => [d.repo, d]));
    expect(byName.s3).toMatchObject({ rule: 4, source: "none" });
    expect(byName.s3!.error).toMatch(/unsupported scheme "s3:"/);
    expect(byName.gone!.error).toMatch(/does not exist/);
    expect(byName.none!.error).toMatch(/no uri/);
    expect(byName.ok!.warnings[0]).toMatch(/lists "ok" again/);
    expect(byName["../evil"]!.error).toMatch(/cannot name a cache directory/);
    expect(await exists(join(base, "evil"))).toBe(false);
  });
});

describe("a cache directory inside the source", () => {
  it("is left out of the copy and the fingerprint (path: . beside the KfDef)", async () => {
    await writeTree(base, USER);
    const file = await kfdef(`  - name: manifests\n    path: .\n    uri: ftp://unused\n`);
    const first = await resolveSources(file);
    expect(first.decisions[0]).toMatchObject({ rule: 1, source: "local" });
    const copied = await readTree(first.repos.manifests!);
    expect(Object.keys(copied).filter((k) => k.startsWith(".cache"))).toEqual([]);
    expect(copied["mine.yaml"]).toBe(USER["mine.yaml"]);
    // The cache changing under the source does not count as an edit.
    expect((await resolveSources(file)).decisions[0]!.reason).toContain("unchanged since the last copy");
  });

  it("is left out when the uri is the KfDef's own directory", async () => {
    await writeTree(base, USER);
    const file = await kfdef(`  - name: manifests\n    uri: .\n`);
    const { repos } = await resolveSources(file);
    expect(Object.keys(await readTree(repos.manifests!)).sort()).toEqual(["kfctl.yaml", "kustomization.yaml", "manifests.tar.gz", "mine.yaml"]);
    expect((await resolveSources(file)).decisions[0]!.source).toBe("cache");
  });
});

describe("overrides and input forms", () => {
  it("takes {repos, baseDir} and leaves overridden repos alone", async () => {
    const { repos, decisions } = await resolveSources(
      { repos: [{ name: "manifests", uri: "ftp://x" }, { name: "kf", uri: "m.tgz" }], baseDir: base },
      { overrides: { manifests: "/somewhere/else", extra: "rel" } },
    );
    expect(repos.manifests).toBe("/somewhere/else");
    expect(decisions.map((d) => [d.repo, d.source])).toEqual([
      ["manifests", "override"],
      ["kf", "none"],
      ["extra", "override"],
    ]);
    expect(decisions[2]!.reason).toContain("not listed in spec.repos");
  });

  it("reports an unreadable or invalid KfDef as an error", async () => {
    await expect(resolveSources(join(base, "missing.yaml"))).rejects.toMatchObject({ code: "KFDEF_READ" });
    await fsp.writeFile(join(base, "bad.yaml"), "spec:\n  repos: {a: b}\n");
    await expect(resolveSources(join(base, "bad.yaml"))).rejects.toMatchObject({ code: "KFDEF_INVALID" });
  });
});
