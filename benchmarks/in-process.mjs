// The library's build in one warm process, without process start-up:
//
//   node benchmarks/in-process.mjs [--runs N] [--warmup N] [--budget-sec S] [--load-restrictor R] [--lib PATH] DIR
//
// Calls the built @kfrender/kustomize (packages/kustomize/dist/index.js) on a plain read-only Node
// FileSystem, `warmup` times untimed (JIT, file cache) then `runs` times timed (fewer once they
// overrun the time budget, 3 at least). Each timed run times `build` (the resources, as the
// library returns them) and then, separately, `buildToYaml` (the same build printed as kubectl
// prints it, one string). Prints one JSON line: { buildRunsMs, runsMs, bytes, sha256 } (runsMs:
// buildToYaml) or { error }. Run by run.mjs in its own process so the harness's
// memory and GC do not colour the figure.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Read-only FileSystem over the real disk: the interface the engine reads everything through. */
const nodeFs = {
  readFile: (p) => fs.readFileSync(p, "utf8"),
  readFileBytes: (p) => fs.readFileSync(p),
  exists: (p) => fs.existsSync(p),
  isDirectory: (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readDir: (p) => fs.readdirSync(p).sort(),
  // As the CLI's NodeFileSystem: one realpath(3) call, not an lstat per path component.
  realPath: (p) => fs.realpathSync.native(p),
};

function parse(argv) {
  const o = { runs: 10, warmup: 3, budgetMs: 60000, restrictor: undefined, lib: path.join(here, "../packages/kustomize/dist/index.js"), dir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--warmup") o.warmup = Number(argv[++i]);
    else if (a === "--budget-sec") o.budgetMs = Number(argv[++i]) * 1000;
    else if (a === "--load-restrictor") o.restrictor = argv[++i];
    else if (a === "--lib") o.lib = path.resolve(argv[++i]);
    else o.dir = path.resolve(a);
  }
  return o;
}

function firstLine(e) {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0].slice(0, 300);
}

async function main() {
  const o = parse(process.argv.slice(2));
  if (!o.dir) return { error: "usage: in-process.mjs [--runs N] [--warmup N] [--load-restrictor R] DIR" };
  if (!fs.existsSync(o.lib)) return { error: `library not built (${path.relative(process.cwd(), o.lib)} missing): run npx pnpm@12.4.2 -r build` };
  let build, buildToYaml;
  try {
    ({ build, buildToYaml } = await import(pathToFileURL(o.lib).href));
  } catch (e) {
    return { error: `cannot load the library: ${firstLine(e)}` };
  }
  if (typeof build !== "function" || typeof buildToYaml !== "function") return { error: "the library exports no build or buildToYaml" };
  const opts = { fs: nodeFs, ...(o.restrictor ? { loadRestrictor: o.restrictor } : {}) };
  let out;
  try {
    // A slow engine still finishes: warm-up gives up a quarter of the budget at most.
    const start = performance.now();
    for (let i = 0; i < o.warmup && performance.now() - start < o.budgetMs / 4; i++) {
      build(o.dir, opts);
      out = buildToYaml(o.dir, opts);
    }
    const buildRunsMs = [];
    const runsMs = [];
    const timed = performance.now();
    for (let i = 0; i < o.runs && (i < 3 || performance.now() - timed < o.budgetMs); i++) {
      let t = performance.now();
      if (build(o.dir, opts).resources.length === 0) return { error: "build returned no resources" };
      buildRunsMs.push(performance.now() - t);
      t = performance.now();
      out = buildToYaml(o.dir, opts);
      runsMs.push(performance.now() - t);
    }
    const bytes = Buffer.from(out ?? buildToYaml(o.dir, opts), "utf8");
    return { buildRunsMs, runsMs, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  } catch (e) {
    return { error: firstLine(e) };
  }
}

main().then((r) => process.stdout.write(JSON.stringify(r) + "\n"));
