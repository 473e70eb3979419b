// `pnpm bench`: kfrender against `kubectl kustomize`, same run, same inputs. See README.md.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { detectProbe, killCurrent, median, runMeasured } from "./measure.mjs";
import { fmtKiB, fmtMs, fmtRatio, renderReport } from "./report.mjs";
import { treeFingerprint, writeSyntheticTree } from "./synthetic.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const CORPORA = "../shared/corpora";
const SYNTHETIC_REFERENCE = path.join(HERE, "synthetic-reference.json");
const MISMATCH_DIR = path.join(HERE, "results", "mismatch");

const USAGE = `Usage: pnpm bench [options]   (= node benchmarks/run.mjs [options])

  --runs N                   counted runs per tool and input, after the warm-up (default 5; env BENCH_RUNS)
  --warmup N                 untimed runs first (default 1)
  --inproc-runs N            timed in-process builds (default 10)
  --inproc-warmup N          untimed in-process builds first (default 3)
  --inproc-budget SEC        stop timing in-process builds after this long, 3 builds at least (default 60)
  --only A,B                 only inputs whose id contains one of these (e.g. example-offline,synthetic)
  --sizes S,L                synthetic tree sizes (default 500,4000)
  --kubectl-synthetic-max N  run kubectl live on synthetic trees up to N resources (default 500); larger
                             ones are checked against benchmarks/synthetic-reference.json
  --synthetic-reference      run kubectl once on each synthetic size above that maximum, store its
                             output hash and figures in benchmarks/synthetic-reference.json, and exit
  --timeout SEC              per process (default 900)
  --json PATH                where the results go (default benchmarks/results/latest.json)
  --strict                   exit 1 when an output differs, a run fails or a target is missed

Environment: KUBECTL (reference binary, default kubectl), KFRENDER_CLI (default
packages/cli/dist/cli.js), KFRENDER_LIB (default packages/kustomize/dist/index.js),
BENCH_PROBE=proc|none (force the weaker measurement fallbacks).
`;

function parseOptions(argv) {
  const o = {
    runs: Number(process.env.BENCH_RUNS ?? 5),
    warmup: 1,
    inprocRuns: 10,
    inprocWarmup: 3,
    inprocBudgetSec: 60,
    only: null,
    sizes: [500, 4000],
    kubectlSyntheticMax: 500,
    syntheticReference: false,
    timeoutSec: 900,
    json: path.join(HERE, "results", "latest.json"),
    strict: false,
  };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--runs": o.runs = num(value(), flag); break;
      case "--warmup": o.warmup = num(value(), flag); break;
      case "--inproc-runs": o.inprocRuns = num(value(), flag); break;
      case "--inproc-warmup": o.inprocWarmup = num(value(), flag); break;
      case "--inproc-budget": o.inprocBudgetSec = num(value(), flag); break;
      case "--only": o.only = value().split(",").filter(Boolean); break;
      case "--sizes": o.sizes = value().split(",").map((s) => num(s, flag)).sort((a, b) => a - b); break;
      case "--kubectl-synthetic-max": o.kubectlSyntheticMax = num(value(), flag); break;
      case "--synthetic-reference": o.syntheticReference = true; break;
      case "--timeout": o.timeoutSec = num(value(), flag); break;
      case "--json": o.json = path.resolve(value()); break;
      case "--strict": o.strict = true; break;
      case "--": break; // pnpm may pass it through
      case "-h": case "--help": process.stdout.write(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  if (o.runs < 1) throw new Error("--runs must be at least 1");
  return o;
}

const KUBECTL = process.env.KUBECTL || "kubectl";
const CLI = path.resolve(ROOT, process.env.KFRENDER_CLI || "packages/cli/dist/cli.js");
const LIB = path.resolve(ROOT, process.env.KFRENDER_LIB || "packages/kustomize/dist/index.js");

/** The inputs, as the issue lists them; `dir` is relative to the repository root. */
function corpusInputs() {
  const kfdef = `${CORPORA}/kubeflow-manifests-v1.0.2/kfdef/kfctl_k8s_istio.v1.0.2.yaml`;
  return [
    {
      id: "example-offline",
      description: "kubeflow-manifests master example-offline (503 resources)",
      dir: `${CORPORA}/kubeflow-manifests-master/example-offline`,
      flags: [],
      inProcess: true,
      targets: { wall: 0.125, maxRss: 0.5 },
    },
    {
      id: "v1.2.0-stacks-kubernetes",
      description: "kubeflow-manifests v1.2.0 stacks/kubernetes, LoadRestrictionsNone",
      dir: `${CORPORA}/kubeflow-manifests-v1.2.0/stacks/kubernetes`,
      flags: ["--load-restrictor", "LoadRestrictionsNone"],
      inProcess: true,
    },
    {
      id: "kfdef-v1.0.2-render",
      description: "kfrender render of kfctl_k8s_istio.v1.0.2 (no kubectl counterpart: absolute figures)",
      dir: kfdef,
      oursArgs: ["render", kfdef, "--repo", `manifests=${CORPORA}/kubeflow-manifests-v1.0.2`, "--keep-going"],
      noReference: true,
    },
  ];
}

function syntheticInput(n, dir, opts) {
  return {
    id: `synthetic-${n}`,
    description: `synthetic tree: ${n} resources (Deployments, Services, ConfigMaps), one strategic-merge patch each`,
    dir,
    flags: [],
    inProcess: true,
    synthetic: n,
    storedReference: n > opts.kubectlSyntheticMax,
  };
}

const sha256 = (b) => createHash("sha256").update(b).digest("hex");

/** The line of the error a failed run printed: kfrender says `Error: ...`, kubectl `Error: ...` too. */
function errorLine(r) {
  if (r.timedOut) return "timed out";
  const lines = r.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const found = lines.find((l) => /^error\b/i.test(l)) ?? lines[lines.length - 1];
  const line = found ? found.replace(/^error:\s*/i, "") : `exit ${r.code ?? r.signal}`;
  return line.length > 160 ? line.slice(0, 157) + "..." : line;
}

/** Where two outputs first part, by line, for a mismatch message a person can act on. */
function firstDifference(ref, ours) {
  const a = ref.toString("utf8").split("\n");
  const b = ours.toString("utf8").split("\n");
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  const clip = (s) => (s === undefined ? "<end of output>" : JSON.stringify(s.length > 120 ? s.slice(0, 117) + "..." : s));
  const docs = (s) => s.toString("utf8").split(/^---$/m).length;
  return { line: i + 1, kubectl: clip(a[i]), kfrender: clip(b[i]), documents: { kubectl: docs(ref), kfrender: docs(ours) } };
}

function saveMismatch(id, ref, ours) {
  fs.mkdirSync(MISMATCH_DIR, { recursive: true });
  const base = path.join(MISMATCH_DIR, id);
  if (ref) fs.writeFileSync(`${base}.kubectl.yaml`, ref);
  fs.writeFileSync(`${base}.kfrender.yaml`, ours);
  return path.relative(ROOT, base) + (ref ? ".{kubectl,kfrender}.yaml" : ".kfrender.yaml");
}

function summarize(side) {
  const runs = side.runs;
  side.median = runs.length
    ? { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), maxRssKiB: median(runs.map((r) => r.maxRssKiB)) }
    : null;
}

const measurement = (r) => ({ wallMs: Math.round(r.wallMs * 10) / 10, userMs: r.userMs, sysMs: r.sysMs, cpuMs: r.cpuMs, maxRssKiB: r.maxRssKiB });

/** Warm-up, then counted runs alternating which tool goes first; outputs compared on every run. */
async function benchInput(input, ctx) {
  const { opts, probe, notes } = ctx;
  const result = { id: input.id, description: input.description, dir: input.dir, targets: input.targets };
  if (!fs.existsSync(path.resolve(ROOT, input.dir))) {
    result.skipped = `skipped: ${input.dir} not found`;
    return result;
  }
  const refArgs = ["kustomize", ...(input.flags ?? []), input.dir];
  const oursArgs = input.oursArgs ?? ["build", ...(input.flags ?? []), input.dir];
  const ref = { status: "ok", command: [KUBECTL, ...refArgs].join(" "), runs: [] };
  const ours = { status: "ok", command: ["node", path.relative(ROOT, CLI), ...oursArgs].join(" "), runs: [] };
  result.reference = ref;
  result.kfrender = ours;

  let refOut = null; // kubectl's bytes, from its first successful run
  let refSha = null;
  if (input.noReference) ref.status = "n/a (no kubectl counterpart)";
  else if (input.storedReference) {
    const stored = ctx.syntheticRef?.sizes?.[input.synthetic];
    if (!stored) ref.status = "no stored reference (pnpm bench --synthetic-reference)";
    else if (stored.treeSha256 !== input.treeSha256) ref.status = "stored reference is stale (pnpm bench --synthetic-reference)";
    else {
      ref.status = "stored";
      refSha = stored.outputSha256;
      ref.bytes = stored.bytes;
      ref.stored = stored;
      notes.push(
        `${input.id}: kubectl is not run live (its cost grows super-linearly: one run took ${fmtMs(stored.wallMs)} wall, ${fmtMs(stored.cpuMs)} CPU, ${fmtKiB(stored.maxRssKiB)}, on ${stored.date}); output checked against its stored sha256`,
      );
    }
  } else if (!ctx.kubectlOk) ref.status = `skipped: ${KUBECTL} not found`;
  if (!fs.existsSync(CLI)) ours.status = `not built (${path.relative(ROOT, CLI)} missing: npx pnpm@12.4.2 -r build)`;

  const timeoutMs = opts.timeoutSec * 1000;
  const once = async (side, cmd, args, counted) => {
    const r = await runMeasured(cmd, args, { cwd: ROOT, probe, timeoutMs });
    if (r.code !== 0) {
      side.status = side === ours && /unknown command "render"/.test(r.stderr) ? "skipped: `render` verb not available yet" : `failed: ${errorLine(r)}`;
      return;
    }
    if (counted) side.runs.push(measurement(r));
    if (side === ref) {
      const sha = sha256(r.stdout);
      if (refOut === null) ((refOut = r.stdout), (refSha = sha), (ref.bytes = r.stdout.length), (ref.sha256 = sha));
      else if (sha !== refSha) ref.nondeterministic = true;
      return;
    }
    const sha = sha256(r.stdout);
    if (ours.sha256 === undefined) ((ours.sha256 = sha), (ours.bytes = r.stdout.length), (ours.firstOut = r.stdout));
    else if (sha !== ours.sha256) ours.nondeterministic = true;
  };
  const live = (side) => side.status === "ok";
  const step = async (counted, refFirst) => {
    const order = refFirst ? [ref, ours] : [ours, ref];
    for (const side of order) {
      if (!live(side)) continue;
      if (side === ref) await once(ref, KUBECTL, refArgs, counted);
      else await once(ours, "node", [CLI, ...oursArgs], counted);
    }
  };
  for (let w = 0; w < opts.warmup; w++) {
    progress(`${input.id}: warm-up ${w + 1}/${opts.warmup}`);
    await step(false, w % 2 === 0);
  }
  for (let i = 0; i < opts.runs && (live(ref) || live(ours)); i++) {
    progress(`${input.id}: run ${i + 1}/${opts.runs}`);
    await step(true, i % 2 === 0);
  }
  summarize(ref);
  summarize(ours);
  if (ref.status === "ok" && ref.runs.length === 0) ref.status = "no successful run";
  if (ours.status === "ok" && ours.runs.length === 0) ours.status = "no successful run";

  // Byte-identity: against kubectl's live output, or its stored hash for the large synthetic tree.
  result.referenceSha256 = refSha;
  if (ours.sha256 !== undefined && refSha) {
    ours.identical = ours.sha256 === refSha && !ours.nondeterministic;
    if (!ours.identical) {
      ours.firstDifference = refOut ? firstDifference(refOut, ours.firstOut) : null;
      ours.savedTo = saveMismatch(input.id, refOut, ours.firstOut);
      const d = ours.firstDifference;
      notes.push(
        d
          ? `${input.id}: OUTPUT DIFFERS from kubectl at line ${d.line} (documents: kubectl ${d.documents.kubectl}, kfrender ${d.documents.kfrender}): kubectl ${d.kubectl} vs kfrender ${d.kfrender}; both saved as ${ours.savedTo}`
          : `${input.id}: OUTPUT DIFFERS from kubectl's stored sha256; kfrender's output saved as ${ours.savedTo} (regenerate the tree with \`node benchmarks/synthetic.mjs ${input.synthetic} DIR\` and diff against kubectl kustomize DIR/overlay)`,
      );
    }
  }
  if (ours.nondeterministic) notes.push(`${input.id}: kfrender's output changed between runs`);
  if (ref.nondeterministic) notes.push(`${input.id}: kubectl's output changed between runs`);
  for (const [who, side] of [["kubectl", ref], ["kfrender", ours]]) {
    if (side.status.startsWith("failed")) notes.push(`${input.id}: ${who} ${side.status}`);
  }
  delete ours.firstOut;
  if (ref.median && ours.median && ours.status === "ok") {
    const div = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
    result.ratio = {
      wallMs: div(ours.median.wallMs, ref.median.wallMs),
      cpuMs: div(ours.median.cpuMs, ref.median.cpuMs),
      maxRssKiB: div(ours.median.maxRssKiB, ref.median.maxRssKiB),
    };
  }
  return result;
}

/** The library in a warm process: one child per input, so its RSS is its own. */
async function benchInProcess(input, refSha, ctx) {
  const { opts, probe } = ctx;
  const r = { id: input.id, status: "ok" };
  if (!fs.existsSync(path.resolve(ROOT, input.dir))) return { ...r, status: "skipped: input not found" };
  if (!fs.existsSync(LIB)) return { ...r, status: `not built (${path.relative(ROOT, LIB)} missing)` };
  progress(`${input.id}: in-process`);
  const args = [path.join(HERE, "in-process.mjs"), "--lib", LIB, "--runs", String(opts.inprocRuns), "--warmup", String(opts.inprocWarmup), "--budget-sec", String(opts.inprocBudgetSec)];
  if (input.flags?.length) args.push(...input.flags);
  args.push(input.dir);
  const m = await runMeasured("node", args, { cwd: ROOT, probe, timeoutMs: opts.timeoutSec * 1000 });
  let j;
  try {
    j = JSON.parse(m.stdout.toString("utf8").trim().split("\n").pop());
  } catch {
    return { ...r, status: `failed: ${errorLine(m)}` };
  }
  if (j.error) return { ...r, status: `failed: ${j.error}` };
  return {
    ...r,
    runsMs: j.runsMs,
    medianMs: median(j.runsMs),
    minMs: Math.min(...j.runsMs),
    buildRunsMs: j.buildRunsMs,
    buildMedianMs: median(j.buildRunsMs),
    buildMinMs: Math.min(...j.buildRunsMs),
    maxRssKiB: m.maxRssKiB,
    bytes: j.bytes,
    sha256: j.sha256,
    identical: refSha ? j.sha256 === refSha : null,
  };
}

function machineInfo() {
  let kubectl = "not found";
  try {
    const v = execFileSync(KUBECTL, ["version", "--client"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const client = /Client Version:\s*(\S+)/.exec(v)?.[1];
    const kust = /Kustomize Version:\s*(\S+)/.exec(v)?.[1];
    kubectl = `${client ?? "?"} (kustomize ${kust ?? "?"})`;
  } catch {
    /* reported as not found */
  }
  return {
    cpuModel: os.cpus()[0]?.model?.trim() ?? "?",
    cores: os.cpus().length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    kubectl,
    loadStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

function progress(msg) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}`);
  else process.stderr.write(`${msg}\n`);
}
function progressDone() {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
}

function readSyntheticReference() {
  try {
    return JSON.parse(fs.readFileSync(SYNTHETIC_REFERENCE, "utf8"));
  } catch {
    return null;
  }
}

/** Runs kubectl once on each large synthetic tree and stores what it printed (hash) and cost. */
async function refreshSyntheticReference(opts, probe, machine) {
  const previous = readSyntheticReference();
  const stored = { note: "", sizes: previous?.sizes ?? {} };
  stored.note = "kubectl kustomize's output hash for the large synthetic trees (too slow to run on every bench), written by `pnpm bench --synthetic-reference`";
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kfrender-bench-"));
  try {
    for (const n of opts.sizes.filter((s) => s > opts.kubectlSyntheticMax)) {
      const root = path.join(tmp, String(n));
      const dir = writeSyntheticTree(root, n);
      progress(`synthetic-${n}: kubectl kustomize (one run; this takes minutes)`);
      const r = await runMeasured(KUBECTL, ["kustomize", dir], { cwd: ROOT, probe, timeoutMs: 0 });
      progressDone();
      if (r.code !== 0) throw new Error(`kubectl failed on synthetic-${n}: ${errorLine(r)}`);
      stored.sizes[n] = {
        treeSha256: treeFingerprint(root),
        outputSha256: sha256(r.stdout),
        bytes: r.stdout.length,
        ...measurement(r),
        kubectl: machine.kubectl,
        date: new Date().toISOString().slice(0, 10),
      };
      process.stdout.write(`synthetic-${n}: ${r.stdout.length} bytes, wall ${fmtMs(r.wallMs)}, CPU ${fmtMs(r.cpuMs)}, peak ${fmtKiB(r.maxRssKiB)}\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(SYNTHETIC_REFERENCE, JSON.stringify(stored, null, 2) + "\n");
  process.stdout.write(`wrote ${path.relative(ROOT, SYNTHETIC_REFERENCE)}\n`);
}

function scaling(results, inProcess, sizes) {
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  if (small === large) return null;
  const byId = (list, n) => list.find((r) => r.id === `synthetic-${n}`);
  const rs = byId(results, small);
  const rl = byId(results, large);
  if (!rs || !rl) return null;
  const ratio = (a, b) => (a == null || b == null || a === 0 ? null : b / a);
  const rows = [];
  const add = (name, a, b) => rows.push({ name, small: a ?? null, large: b ?? null, ratio: ratio(a, b) });
  const is = byId(inProcess, small);
  const il = byId(inProcess, large);
  add("kfrender in-process build (median)", is?.medianMs, il?.medianMs);
  add("kfrender CLI wall (median)", rs.kfrender?.median?.wallMs, rl.kfrender?.median?.wallMs);
  add("kfrender CLI CPU (median)", rs.kfrender?.median?.cpuMs, rl.kfrender?.median?.cpuMs);
  const refLarge = rl.reference?.median ?? rl.reference?.stored;
  add(`kubectl wall${rl.reference?.stored ? " (large: stored run)" : ""}`, rs.reference?.median?.wallMs, refLarge?.wallMs);
  add(`kubectl CPU${rl.reference?.stored ? " (large: stored run)" : ""}`, rs.reference?.median?.cpuMs, refLarge?.cpuMs);
  const identical = [is, il].every((r) => r?.identical === true);
  return { small, large, linear: large / small, rows, identical };
}

const LINEAR_SLACK = 1.25;

function targets(results, inProcess, scale) {
  const out = [];
  // A time taken while printing the wrong output proves little: say so next to the status.
  const add = (name, value, goal, met, outputOk = true) =>
    out.push({ name, value, goal, status: (met == null ? (goal.startsWith("(") ? "-" : "n/a") : met ? "met" : "MISSED") + (met != null && !outputOk ? " (output differs)" : "") });
  const eo = results.find((r) => r.id === "example-offline");
  const eoIn = inProcess.find((r) => r.id === "example-offline");
  const k = eo?.kfrender;
  const failed = k?.status.startsWith("failed") || k?.status.startsWith("not built");
  const outValue = k?.identical === true ? "identical" : k?.identical === false ? "differs" : failed ? "kfrender failed" : k ? "not compared" : "not run";
  add("example-offline output", outValue, "identical to kubectl", failed ? false : (k?.identical ?? null));
  const w = eo?.ratio?.wallMs;
  const eoOk = k?.identical === true;
  add("example-offline wall ours/kubectl", fmtRatio(w), "≤ 0.125× (1/8)", w == null ? null : w <= 0.125, eoOk);
  const m = eo?.ratio?.maxRssKiB;
  add("example-offline peak RSS ours/kubectl", fmtRatio(m), "≤ 0.5× (1/2)", m == null ? null : m <= 0.5, eoOk);
  // The figure is the library's `build`; the printed output is reported next to it.
  const ib = eoIn?.buildMedianMs;
  const ip = eoIn?.medianMs;
  const notRun = eoIn ? eoIn.status.split(/[:(]/)[0].trim() : "not run";
  add("example-offline in-process warm build", ib == null ? notRun : fmtMs(ib), "≤ 250 ms", ib == null ? null : ib <= 250, eoIn?.identical === true);
  add("  the same, printed (buildToYaml)", ip == null ? notRun : fmtMs(ip), "(reported)", null, eoIn?.identical === true);
  const lin = scale?.rows[0]?.ratio;
  add(
    `synthetic ${scale?.large ?? "L"}/${scale?.small ?? "S"} in-process time`,
    lin == null ? "n/a" : `${lin.toFixed(2)}×`,
    `≈ ${scale?.linear ?? 8}× (linear; met ≤ ${((scale?.linear ?? 8) * LINEAR_SLACK).toFixed(0)}×)`,
    lin == null ? null : lin <= (scale?.linear ?? 8) * LINEAR_SLACK,
    scale?.identical === true,
  );
  return out;
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const probe = detectProbe();
  const machine = machineInfo();
  if (opts.syntheticReference) {
    await refreshSyntheticReference(opts, probe, machine);
    return 0;
  }

  const ctx = { opts, probe, notes: [], kubectlOk: machine.kubectl !== "not found", syntheticRef: readSyntheticReference() };
  if (!fs.existsSync(CLI)) ctx.notes.push(`kfrender CLI not built (${path.relative(ROOT, CLI)}): run npx pnpm@12.4.2 -r build`);
  const wanted = (id) => !opts.only || opts.only.some((s) => id.includes(s));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kfrender-bench-"));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.on("SIGINT", () => {
    killCurrent();
    cleanup();
    process.stderr.write("\ninterrupted\n");
    process.exit(130);
  });
  const inputs = corpusInputs();
  try {
    for (const n of opts.sizes) {
      if (!wanted(`synthetic-${n}`)) continue;
      const root = path.join(tmp, `synthetic-${n}`);
      const dir = writeSyntheticTree(root, n);
      const input = syntheticInput(n, dir, opts);
      input.treeSha256 = treeFingerprint(root);
      // The temp path is long and changes every run; show where it came from instead.
      input.shownDir = `(tmp) synthetic ${n}`;
      inputs.splice(inputs.length - 1, 0, input);
    }
    const results = [];
    const inProcess = [];
    for (const input of inputs.filter((i) => wanted(i.id))) {
      const r = await benchInput(input, ctx);
      if (input.shownDir) r.dir = input.shownDir;
      results.push(r);
      if (input.inProcess && !r.skipped) {
        const ip = await benchInProcess(input, r.referenceSha256, ctx);
        inProcess.push(ip);
        if (ip.identical === false) ctx.notes.push(`${input.id}: in-process output differs from kubectl's`);
      }
    }
    progressDone();
    machine.loadEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
    const scale = scaling(results, inProcess, opts.sizes);
    const res = {
      schema: 1,
      date: new Date().toISOString(),
      machine,
      probe: { kind: probe.kind, note: probe.note },
      config: { runs: opts.runs, warmup: opts.warmup, inprocRuns: opts.inprocRuns, inprocWarmup: opts.inprocWarmup, inprocBudgetSec: opts.inprocBudgetSec, sizes: opts.sizes },
      inputs: results,
      inProcess,
      scaling: scale,
      targets: targets(results, inProcess, scale),
      notes: ctx.notes,
    };
    process.stdout.write(renderReport(res));
    fs.mkdirSync(path.dirname(opts.json), { recursive: true });
    fs.writeFileSync(opts.json, JSON.stringify(res, null, 2) + "\n");
    process.stdout.write(`\nresults: ${path.relative(process.cwd(), opts.json)}\n`);
    const bad =
      results.some((r) => r.kfrender && (r.kfrender.identical === false || r.kfrender.status.startsWith("failed") || r.kfrender.status.startsWith("not built"))) ||
      res.targets.some((t) => t.status === "MISSED");
    return opts.strict && bad ? 1 : 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    progressDone();
    process.stderr.write(`bench: ${e instanceof Error ? e.message : e}\n`);
    process.exitCode = 2;
  },
);
