import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fsp from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveSources } from "@kfrender/sources";
import { faultyFs, githubArchive, readTree, tempDir, writeTree } from "./helpers.js";

let base: string;
let children: ChildProcess[];

beforeEach(async () => {
  base = await tempDir();
  children = [];
});

afterEach(() => {
  for (const c of children) c.kill();
});

const tree = (tag: string) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`d${i % 3}/f${i}.yaml`, `${tag}: ${i}\n`]));

describe("two renders at the same time", () => {
  it("serialise on the cache entry: no interleaved copies, the cache is one complete tree with its own record", async () => {
    const a = join(base, "a");
    const b = join(base, "b");
    await writeTree(a, tree("a"));
    await writeTree(b, tree("b"));
    const cacheDir = join(base, "cache");
    const log: string[] = [];
    // Slow copies, so that without the lock the two runs would overlap in the same cache entry.
    const slowFs = (who: string) =>
      faultyFs((op) => {
        if (op !== "copyFile") return undefined;
        log.push(who);
        return 3;
      });
    const run = (who: string, path: string) =>
      resolveSources({ repos: [{ name: "manifests", uri: "", path }], baseDir: base }, { cacheDir, fs: slowFs(who) });
    const [ra, rb] = await Promise.all([run("a", a), run("b", b)]);
    expect(ra.decisions[0]).toMatchObject({ rule: 1, source: "local" });
    expect(rb.decisions[0]).toMatchObject({ rule: 1, source: "local" });
    // All copies of one run happen before all copies of the other.
    const firstWho = log[0]!;
    const switchAt = log.findIndex((w) => w !== firstWho);
    expect(switchAt).toBe(12);
    expect(log.slice(switchAt).every((w) => w !== firstWho)).toBe(true);
    // The cache is the tree of whoever ran last, complete, and its record says so.
    const last = firstWho === "a" ? "b" : "a";
    expect(await readTree(join(cacheDir, "manifests"))).toEqual(tree(last));
    const record = JSON.parse(await fsp.readFile(join(cacheDir, ".manifests.kfrender.json"), "utf8"));
    expect(record.origin).toMatchObject({ kind: "local", path: join(base, last) });
    expect((await fsp.readdir(cacheDir)).sort()).toEqual([".manifests.kfrender.json", "manifests"]);
  });

  it("a burst of runs on the same archive all succeed and fetch once", async () => {
    const tarball = join(base, "m.tgz");
    await fsp.writeFile(tarball, githubArchive("top", tree("t")));
    const results = await Promise.all(Array.from({ length: 6 }, () => resolveSources({ repos: [{ name: "manifests", uri: tarball }], baseDir: base })));
    const sources = results.map((r) => r.decisions[0]!.source).sort();
    expect(sources).toEqual(["built-in", "cache", "cache", "cache", "cache", "cache"]);
    expect(await readTree(join(base, ".cache/manifests"))).toEqual(tree("t"));
  });
});

describe("the cache lock", () => {
  const lockFor = (cacheDir: string) => join(cacheDir, ".manifests.lock");
  const input = () => ({ repos: [{ name: "manifests", uri: join(base, "m.tgz") }], baseDir: base });

  beforeEach(async () => {
    await fsp.writeFile(join(base, "m.tgz"), githubArchive("top", tree("t")));
  });

  it("held by another live process: waited for, then a clear error", async () => {
    const other = spawn("sleep", ["30"]);
    children.push(other);
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    await fsp.writeFile(join(lockFor(join(base, ".cache")), "owner.json"), JSON.stringify({ pid: other.pid, host: hostname(), token: "x", since: "then" }));
    const t0 = Date.now();
    const { decisions } = await resolveSources(input(), { lockTimeoutMs: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(decisions[0]).toMatchObject({ source: "none", reason: "cache entry busy" });
    expect(decisions[0]!.error).toMatch(new RegExp(`\\.manifests\\.lock is held by process ${other.pid} on .* since then; gave up after 0\\.3 s$`));
    // Not ours: left in place.
    expect(await fsp.readFile(join(lockFor(join(base, ".cache")), "owner.json"), "utf8")).toContain(String(other.pid));
  });

  it("released by its owner while waiting: the waiter proceeds", async () => {
    const other = spawn("sleep", ["30"]);
    children.push(other);
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    await fsp.writeFile(join(lockFor(join(base, ".cache")), "owner.json"), JSON.stringify({ pid: other.pid, host: hostname(), token: "x", since: "now" }));
    setTimeout(() => void fsp.rm(lockFor(join(base, ".cache")), { recursive: true }), 300);
    const t0 = Date.now();
    const { decisions } = await resolveSources(input(), { lockTimeoutMs: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(decisions[0]).toMatchObject({ rule: 4, source: "built-in" });
  });

  it("left behind by an earlier call of this same process (its release failed): taken over", async () => {
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    await fsp.writeFile(join(lockFor(join(base, ".cache")), "owner.json"), JSON.stringify({ pid: process.pid, host: hostname(), token: "gone", since: "then" }));
    const { decisions } = await resolveSources(input(), { lockTimeoutMs: 300 });
    expect(decisions[0]).toMatchObject({ rule: 4, source: "built-in" });
  });

  it("left by a process that died: taken over", async () => {
    const dead = spawnSync("true").pid;
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    await fsp.writeFile(join(lockFor(join(base, ".cache")), "owner.json"), JSON.stringify({ pid: dead, host: hostname(), token: "x", since: "then" }));
    const { decisions } = await resolveSources(input(), { lockTimeoutMs: 300 });
    expect(decisions[0]).toMatchObject({ rule: 4, source: "built-in" });
    expect((await fsp.readdir(join(base, ".cache"))).sort()).toEqual([".manifests.kfrender.json", "manifests"]);
  });

  it("a dead owner's lock met by several waiters at once: they still take turns", async () => {
    const dead = spawnSync("true").pid;
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    await fsp.writeFile(join(lockFor(join(base, ".cache")), "owner.json"), JSON.stringify({ pid: dead, host: hostname(), token: "x", since: "then" }));
    const names = ["p", "q", "r", "s"];
    for (const n of names) await writeTree(join(base, n), tree(n));
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const fsFor = (who: string) => {
      const fs = faultyFs(() => undefined);
      const copy = fs.copyFile;
      fs.copyFile = async (a, b) => {
        inFlight.set(who, (inFlight.get(who) ?? 0) + 1);
        if ([...inFlight.values()].filter((n) => n > 0).length > 1) overlaps++;
        await new Promise((r) => setTimeout(r, 2));
        await copy(a, b);
        inFlight.set(who, inFlight.get(who)! - 1);
      };
      return fs;
    };
    const results = await Promise.all(
      names.map((n) => resolveSources({ repos: [{ name: "manifests", uri: "", path: join(base, n) }], baseDir: base }, { fs: fsFor(n), lockTimeoutMs: 10_000 })),
    );
    expect(results.map((r) => (r.decisions[0]!.error ? `${r.decisions[0]!.warnings} / ${r.decisions[0]!.error}` : r.decisions[0]!.source))).toEqual(["local", "local", "local", "local"]);
    expect(overlaps).toBe(0);
    expect((await fsp.readdir(join(base, ".cache"))).sort()).toEqual([".manifests.kfrender.json", "manifests"]);
  });

  it("without an owner record (another host, say) and older than the stale age: taken over", async () => {
    await fsp.mkdir(lockFor(join(base, ".cache")), { recursive: true });
    const old = new Date(Date.now() - 3_600_000);
    await fsp.utimes(lockFor(join(base, ".cache")), old, old);
    const { decisions } = await resolveSources(input(), { lockTimeoutMs: 300, lockStaleMs: 60_000 });
    expect(decisions[0]).toMatchObject({ rule: 4, source: "built-in" });
  });
});
