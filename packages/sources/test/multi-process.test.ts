import { spawn } from "node:child_process";
import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { beforeAll, describe, expect, it } from "vitest";
import { readTree, tempDir, writeTree } from "./helpers.js";

// Real processes racing on one cache: the resolver is bundled (dependencies included) once, and
// each child runs it with copies slowed down, logging every file copy it makes to a shared file.
let work: string;
let bundle: string;

beforeAll(async () => {
  work = await tempDir();
  await build({
    entry: { sources: fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
    format: ["cjs"],
    outDir: join(work, "dist"),
    platform: "node",
    target: "node20",
    noExternal: [/.*/],
    silent: true,
    config: false,
    dts: false,
  });
  bundle = join(work, "dist", (await fsp.readdir(join(work, "dist")))[0]!);
});

const CHILD = `
const { resolveSources, nodeFs } = require(process.env.BUNDLE);
const { appendFileSync } = require("node:fs");
const [, , baseDir, cacheDir, path, log, startAt] = process.argv;
const fs = { ...nodeFs, copyFile: async (s, d) => {
  appendFileSync(log, "+" + process.pid + "\\n");
  await new Promise((r) => setTimeout(r, 15));
  await nodeFs.copyFile(s, d);
  appendFileSync(log, "-" + process.pid + "\\n");
} };
// All children start together, whenever each got through its own start-up.
setTimeout(() => {
  resolveSources({ repos: [{ name: "manifests", uri: "", path }], baseDir }, { cacheDir, fs }).then((r) => {
    process.stdout.write(JSON.stringify(r.decisions[0]));
  });
}, Number(startAt) - Date.now());
`;

const tree = (tag: string) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`d${i % 2}/f${i}.yaml`, `${tag}: ${i}\n`]));

function runChild(args: string[]): Promise<{ code: number | null; stdout: string; pid: number }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [join(work, "child.cjs"), ...args], { env: { ...process.env, BUNDLE: bundle } });
    let stdout = "";
    c.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    c.on("error", reject);
    c.on("close", (code) => resolve({ code, stdout, pid: c.pid! }));
  });
}

describe("several processes rendering at the same time", () => {
  it("take turns on the cache entry and leave one complete tree with the matching record", async () => {
    await fsp.writeFile(join(work, "child.cjs"), CHILD);
    const base = await tempDir();
    const cacheDir = join(base, "cache");
    const log = join(base, "copies.log");
    const names = ["a", "b", "c", "d"];
    for (const n of names) await writeTree(join(base, n), tree(n));

    const startAt = String(Date.now() + 1500);
    const results = await Promise.all(names.map((n) => runChild([base, cacheDir, join(base, n), log, startAt])));
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ rule: 1, source: "local" });
    }
    // No two processes ever had copies in flight at the same time.
    const events = (await fsp.readFile(log, "utf8")).trim().split("\n");
    expect(events).toHaveLength(80);
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    for (const e of events) {
      const pid = e.slice(1);
      inFlight.set(pid, (inFlight.get(pid) ?? 0) + (e[0] === "+" ? 1 : -1));
      if ([...inFlight.values()].filter((n) => n > 0).length > 1) overlaps++;
    }
    expect(overlaps).toBe(0);
    expect(inFlight.size).toBe(4);

    const lastPid = Number(events[events.length - 1]!.slice(1));
    const last = names[results.findIndex((r) => r.pid === lastPid)]!;
    expect(await readTree(join(cacheDir, "manifests"))).toEqual(tree(last));
    const record = JSON.parse(await fsp.readFile(join(cacheDir, ".manifests.kfrender.json"), "utf8"));
    expect(record.origin).toMatchObject({ kind: "local", path: join(base, last) });
    expect((await fsp.readdir(cacheDir)).sort()).toEqual([".manifests.kfrender.json", "manifests"]);
  });
});
