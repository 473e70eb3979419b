import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { nodeFs, resolveSources } from "@kfrender/sources";
import { errno, faultyFs, githubArchive, readTree, tempDir, writeTree } from "./helpers.js";

const BUILTIN = { "kustomization.yaml": "resources: [a.yaml]\n", "app/a.yaml": "kind: ConfigMap\n", "app/b.yaml": "kind: Service\n" };
const USER = { "kustomization.yaml": "resources: [mine.yaml]\n", "mine.yaml": "kind: Secret\n", "x/1.yaml": "1\n", "x/2.yaml": "2\n", "x/3.yaml": "3\n" };

let base: string;
let tarball: string;
let local: string;
let cache: string;

beforeEach(async () => {
  base = await tempDir();
  tarball = join(base, "manifests.tar.gz");
  await fsp.writeFile(tarball, githubArchive("manifests-1.0.2", BUILTIN));
  local = join(base, "mapr/kubeflow/manifests");
  cache = join(base, ".cache");
});

const input = () => ({ repos: [{ name: "manifests", uri: `file://${tarball}`, path: local }], baseDir: base });
const under = (p: string | undefined, dir: string) => p !== undefined && (p === dir || p.startsWith(dir + "/"));

/** Names in `dir` that are not what a finished run leaves (the entry, its record). */
async function leftovers(dir: string, keep: string[]): Promise<string[]> {
  return (await fsp.readdir(dir).catch(() => [])).filter((n) => !keep.includes(n));
}

describe("permission denied on the local path (rule 3)", () => {
  it("reading the directory fails: built-in manifests used, with a warning, local untouched", async () => {
    await writeTree(local, USER);
    const fs = faultyFs((op, [p]) => ((op === "readdir" || op === "realpath") && p === local ? errno("EACCES", "scandir", local) : undefined));
    const { repos, decisions } = await resolveSources(input(), { fs });
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings).toEqual([
      `local path ${local} cannot be read (EACCES: permission denied, scandir '${local}'); the built-in manifests are used instead`,
    ]);
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
    expect(await readTree(local)).toEqual(USER);
    // Nothing was written into or beside the user's directory.
    expect(fs.calls.filter(([op, a]) => op !== "readdir" && op !== "realpath" && op !== "stat" && op !== "lstat" && op !== "readlink" && op !== "readFile" && a.some((p) => under(p, join(base, "mapr"))))).toEqual([]);
  });

  it("a file inside it cannot be read: the copy out fails half way, cache keeps nothing partial", async () => {
    await writeTree(local, USER);
    const fs = faultyFs((op, [src]) => (op === "copyFile" && src === join(local, "x/2.yaml") ? errno("EACCES", "copyfile", src) : undefined));
    const { repos, decisions } = await resolveSources(input(), { fs });
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings[0]).toMatch(/^could not copy local path .* into the cache \(EACCES.*x\/2\.yaml'\); the built-in manifests are used instead$/);
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
    expect(await readTree(local)).toEqual(USER);
    expect(await leftovers(cache, ["manifests", ".manifests.kfrender.json"])).toEqual([]);
  });

  it("the local directory cannot be created: rule 2 falls back to rule 3", async () => {
    const fs = faultyFs((op, [p]) => (op === "mkdir" && under(p, join(base, "mapr")) ? errno("EACCES", "mkdir", p!) : undefined));
    const { repos, decisions } = await resolveSources(input(), { fs });
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings[0]).toMatch(/could not copy the built-in manifests into local path .*EACCES.*it was left as it was/);
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
  });
});

describe("a copy that fails half way", () => {
  it("into an empty local directory (rule 2): it stays empty, no temporary sibling left", async () => {
    await fsp.mkdir(local, { recursive: true });
    let copies = 0;
    const fs = faultyFs((op, [, dest]) => {
      if (op === "copyFile" && under(dest, join(base, "mapr")) && ++copies === 2) return errno("ENOSPC", "copyfile", dest!);
      return undefined;
    });
    const { repos, decisions } = await resolveSources(input(), { fs });
    expect(copies).toBeGreaterThanOrEqual(2);
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings[0]).toMatch(/ENOSPC/);
    expect(await fsp.readdir(local)).toEqual([]);
    expect(await fsp.readdir(join(base, "mapr/kubeflow"))).toEqual(["manifests"]);
    expect(await readTree(repos.manifests!)).toEqual(BUILTIN);
  });

  it("into the cache: the previous cache and its record stay intact", async () => {
    // A complete cache from an earlier run of the same uri...
    const first = await resolveSources({ repos: [{ name: "manifests", uri: `file://${tarball}` }], baseDir: base });
    expect(first.decisions[0]!.source).toBe("built-in");
    const record = await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8");
    // ...then the user's directory appears and copying it fails half way.
    await writeTree(local, USER);
    let copies = 0;
    const fs = faultyFs((op) => (op === "copyFile" && ++copies === 3 ? errno("EIO", "copyfile", "x") : undefined));
    const { decisions } = await resolveSources(input(), { fs });
    // Rule 3, and the built-in manifests come from the untouched cache without a fetch.
    expect(decisions[0]).toMatchObject({ rule: 3, source: "cache" });
    expect(await readTree(join(cache, "manifests"))).toEqual(BUILTIN);
    expect(await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8")).toBe(record);
    expect(await leftovers(cache, ["manifests", ".manifests.kfrender.json"])).toEqual([]);
  });

  it("a crash mid-copy (every later operation fails too) leaves the old state, and the next run recovers", async () => {
    await resolveSources({ repos: [{ name: "manifests", uri: `file://${tarball}` }], baseDir: base });
    const record = await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8");
    await writeTree(local, USER);
    let dead = false;
    let copies = 0;
    const fs = faultyFs((op) => {
      if (op === "copyFile" && ++copies === 2) dead = true;
      return dead ? errno("EIO", op, "crash") : undefined;
    });
    const crashed = await resolveSources(input(), { fs });
    expect(crashed.decisions[0]!.source).toBe("none");
    // The old cache, its record and the user's files are as they were; only a temporary sibling remains.
    expect(await readTree(join(cache, "manifests"))).toEqual(BUILTIN);
    expect(await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8")).toBe(record);
    expect(await readTree(local)).toEqual(USER);
    const left = await leftovers(cache, ["manifests", ".manifests.kfrender.json"]);
    expect(left.some((n) => n.startsWith(".manifests.tmp-"))).toBe(true);

    // The lock was left behind too (its release failed); the call that held it is over, so the
    // next run takes it over instead of waiting for it.
    expect(await fsp.readdir(join(cache, ".manifests.lock"))).toEqual(["owner.json"]);
    const next = await resolveSources(input(), { fs: nodeFs, lockTimeoutMs: 2000 });
    expect(next.decisions[0]).toMatchObject({ rule: 1, source: "local" });
    expect(await readTree(join(cache, "manifests"))).toEqual(USER);
    expect(await leftovers(cache, ["manifests", ".manifests.kfrender.json"])).toEqual([]);
  });
});

describe("a failing swap into place", () => {
  it("puts the previous cache and its record back", async () => {
    const repo = { repos: [{ name: "manifests", uri: tarball }], baseDir: base };
    await resolveSources(repo);
    const record = await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8");
    const fs = faultyFs((op, [from, to]) => (op === "rename" && from!.includes(".manifests.tmp-") && to === join(cache, "manifests") ? errno("EIO", "rename", from!) : undefined));
    const { decisions } = await resolveSources(repo, { fs, refresh: true });
    expect(decisions[0]!.error).toMatch(/EIO/);
    expect(await readTree(join(cache, "manifests"))).toEqual(BUILTIN);
    expect(await fsp.readFile(join(cache, ".manifests.kfrender.json"), "utf8")).toBe(record);
    expect(await leftovers(cache, ["manifests", ".manifests.kfrender.json"])).toEqual([]);
    // Still complete: reused without a fetch.
    expect((await resolveSources(repo)).decisions[0]!.source).toBe("cache");
  });
});

describe("never losing the user's files", () => {
  it("files that appear in the local directory while the built-in copy is made are kept", async () => {
    await fsp.mkdir(local, { recursive: true });
    const fs = faultyFs((op, [, to]) => {
      if (op === "rename" && to === local) return undefined;
      return undefined;
    });
    // Wrap rename so that the user's file lands just before the copy is renamed into place.
    const rename = fs.rename;
    fs.rename = async (from, to) => {
      if (to === local) await fsp.writeFile(join(local, "mine.yaml"), "mine\n");
      return rename(from, to);
    };
    const { decisions } = await resolveSources(input(), { fs });
    expect(decisions[0]).toMatchObject({ rule: 3, source: "built-in" });
    expect(decisions[0]!.warnings[0]).toMatch(/is no longer empty/);
    expect(await readTree(local)).toEqual({ "mine.yaml": "mine\n" });
    expect(await fsp.readdir(join(base, "mapr/kubeflow"))).toEqual(["manifests"]);
  });

  it("a non-empty local directory is never written, whatever fails", async () => {
    await writeTree(local, USER);
    const before = await readTree(local);
    const writes: string[] = [];
    const fs = faultyFs((op, args) => {
      if (["mkdir", "copyFile", "symlink", "rename", "rmrf", "writeFile"].includes(op)) {
        const target = op === "copyFile" || op === "symlink" || op === "rename" ? args[args.length - 1] : args[0];
        if (under(target, local) || (op === "rename" && under(args[0], local)) || (op === "rmrf" && under(args[0], local))) writes.push(`${op} ${args.join(" ")}`);
      }
      return op === "copyFile" ? errno("EIO", "copyfile", args[0]!) : undefined;
    });
    const { decisions } = await resolveSources(input(), { fs });
    expect(decisions[0]!.rule).toBe(3);
    expect(writes).toEqual([]);
    expect(await readTree(local)).toEqual(before);
  });
});

describe("corrupt archive", () => {
  it("random bytes: a clear error, the previous cache intact", async () => {
    const good = await resolveSources({ repos: [{ name: "manifests", uri: tarball }], baseDir: base });
    expect(good.decisions[0]!.source).toBe("built-in");
    await fsp.writeFile(tarball, "this is not a tarball at all, just some text that goes on".repeat(20));
    const { repos, decisions } = await resolveSources({ repos: [{ name: "manifests", uri: tarball }], baseDir: base });
    expect(repos).toEqual({});
    expect(decisions[0]).toMatchObject({ rule: 4, source: "none" });
    expect(decisions[0]!.error).toMatch(/corrupt archive/);
    expect(await readTree(join(cache, "manifests"))).toEqual(BUILTIN);
    expect(await leftovers(cache, ["manifests", ".manifests.kfrender.json"])).toEqual([]);
  });

  it("a truncated gzip stream is refused, nothing is put in place", async () => {
    const whole = githubArchive("top", Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.yaml`, `n: ${i}\n`.repeat(200)])));
    await fsp.writeFile(tarball, whole.subarray(0, Math.floor(whole.length / 2)));
    const { decisions } = await resolveSources({ repos: [{ name: "manifests", uri: tarball }], baseDir: base });
    expect(decisions[0]!.error).toMatch(/corrupt archive/);
    expect(await leftovers(cache, [])).toEqual([]);
  });

  it("a corrupt built-in archive under rule 2 leaves the local directory missing", async () => {
    await fsp.writeFile(tarball, "garbage");
    const { decisions } = await resolveSources(input());
    expect(decisions[0]).toMatchObject({ rule: 2, source: "none" });
    expect(decisions[0]!.error).toMatch(/corrupt archive/);
    await expect(fsp.stat(local)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
