import * as fs from "node:fs";
import * as path from "node:path";
import {
  ApplyError,
  type ApplySetRef,
  ResultTable,
  type Transport,
  applyResources,
  applySetId,
  connectWithKubeconfig,
  formatPlan,
  objectsFromDocuments,
  planApply,
  previewPrune,
  refOf,
  reportJson,
  summarize,
  summarizePrune,
} from "@kfrender/apply";
import { type YamlMap, parseAllDocuments } from "@kfrender/yaml";
import { type ParsedArgs, UsageError, flag, parseArgs } from "../args.js";

export const APPLY_USAGE = `Usage: kfrender apply -f FILE|DIR|- [-f ...] | -k DIR  [flags]

Server-side applies the resources (field manager "kfrender") to the cluster of the current
kubeconfig, in install order: Namespaces, CRDs (custom resources wait for them to be Established),
cluster-wide RBAC, everything else, webhook configurations and APIServices last.

Input:
  -f, --filename FILE   a YAML/JSON file, a directory of them, or - for stdin (repeatable)
  -k, --kustomize DIR   build DIR with kfrender's kustomize engine first
Modes:
  --dry-run=client      print the ordered requests; no cluster needed (bare --dry-run means client)
  --dry-run=server      send every request with dryRun=All; nothing is persisted
  -o, --output FORMAT   table (default) or json; with --dry-run=client: plan (default) or json
Apply:
  --force-conflicts     take over fields another field manager owns
  --fail-fast           stop at the first failure (default: report it and go on)
  --field-manager NAME  default kfrender
  --timeout DURATION    how long each CRD may take to be Established (default 60s)
  -n, --namespace NS    for namespaced objects that name none (default: the context's, else default)
Sets and prune:
  --set NAME            record the applied objects as members of set NAME (a parent Secret, labels
                        after the ApplySet convention)
  --set-namespace NS    the parent Secret's namespace (default: -n if given, else default)
  --prune               delete members of the set that are no longer in the input (needs --set);
                        Namespaces, CRDs and PersistentVolumes are kept
  --prune-all           prune those too
Cluster:
  --kubeconfig PATH     default: $KUBECONFIG, ~/.kube/config, in-cluster
  --context NAME        a kubeconfig context other than the current one

Exit status: 0 when everything applied (or would), 1 when anything failed, 2 for a usage error.`;

export interface ApplyIo {
  stdin: () => Promise<string>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env?: Record<string, string | undefined>;
}

interface ApplyFlags {
  args: ParsedArgs;
  files: string[];
  kustomizeDir?: string;
  dryRun: "none" | "client" | "server";
  output: "table" | "json" | "plan";
  set?: string;
  setNamespace?: string;
  prune: boolean;
  pruneAll: boolean;
  namespace?: string;
  timeoutMs: number;
}

const BOOLEANS = ["--force-conflicts", "--fail-fast", "--prune", "--prune-all", "-h", "--help"];
const VALUES = ["-f", "--filename", "-k", "--kustomize", "--dry-run", "-o", "--output", "--field-manager", "--timeout", "-n", "--namespace", "--set", "--set-namespace", "--kubeconfig", "--context"];
const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function parseApplyArgs(argv: string[]): ApplyFlags {
  // A bare --dry-run means client, as it did in kubectl; the flag parser wants a value.
  const normalized = argv.map((a) => (a === "--dry-run" ? "--dry-run=client" : a));
  const args = parseArgs(normalized, { boolean: BOOLEANS, value: VALUES });
  if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]} (give files with -f)`);
  const files = [...(args.flags.get("-f") ?? []), ...(args.flags.get("--filename") ?? [])];
  const kustomizeDir = flag(args, "-k") ?? flag(args, "--kustomize");
  if (!files.length && !kustomizeDir) throw new UsageError("give the resources with -f FILE (or -f - for stdin) or -k DIR");
  if (files.length && kustomizeDir) throw new UsageError("-f and -k cannot be combined");
  if (files.filter((f) => f === "-").length > 1) throw new UsageError("stdin (-f -) can be read only once");
  const dryRun = flag(args, "--dry-run") ?? "none";
  if (dryRun !== "none" && dryRun !== "client" && dryRun !== "server") throw new UsageError(`--dry-run must be none, client or server, not ${dryRun}`);
  const output = flag(args, "-o") ?? flag(args, "--output") ?? (dryRun === "client" ? "plan" : "table");
  const allowed = dryRun === "client" ? ["plan", "json"] : ["table", "json"];
  if (!allowed.includes(output)) throw new UsageError(`--output must be one of ${allowed.join(", ")}${dryRun === "client" ? " with --dry-run=client" : ""}`);
  const set = flag(args, "--set");
  const pruneAll = args.flags.has("--prune-all");
  const prune = args.flags.has("--prune") || pruneAll;
  if (prune && !set) throw new UsageError("--prune needs --set NAME: only members of a set are ever pruned");
  if (set !== undefined && (!NAME_RE.test(set) || set.length > 253)) throw new UsageError(`--set ${set}: must be a lower-case DNS name (it names a Secret)`);
  const setNamespace = flag(args, "--set-namespace");
  if (setNamespace !== undefined && !set) throw new UsageError("--set-namespace needs --set");
  const timeout = flag(args, "--timeout");
  return {
    args,
    files,
    ...(kustomizeDir ? { kustomizeDir } : {}),
    dryRun,
    output: output as ApplyFlags["output"],
    ...(set ? { set } : {}),
    ...(setNamespace ? { setNamespace } : {}),
    prune,
    pruneAll,
    ...(flag(args, "-n") ?? flag(args, "--namespace") ? { namespace: (flag(args, "-n") ?? flag(args, "--namespace"))! } : {}),
    timeoutMs: timeout === undefined ? 60_000 : parseDuration(timeout),
  };
}

/** `90`, `90s`, `2m`, `500ms`, `1m30s`. */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
    end = re.lastIndex;
  }
  if (!text || end !== text.length) throw new UsageError(`--timeout ${text}: not a duration (e.g. 90s, 2m)`);
  return total;
}

export async function runApply(argv: string[], io: ApplyIo): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    io.stdout(`${APPLY_USAGE}\n`);
    return 0;
  }
  let flags: ApplyFlags;
  try {
    flags = parseApplyArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n\n${APPLY_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let transport: Transport | undefined;
  try {
    const objects = await readInput(flags, io);
    if (flags.dryRun === "client") return await clientDryRun(objects, flags, io, (t) => (transport = t));
    // Bad input is reported before any cluster is contacted.
    const refs = objects.map((o, i) => refOf(o, i));
    const conn = await connectWithKubeconfig(kubeconfigOptions(flags));
    transport = conn.transport;
    const defaultNamespace = flags.namespace ?? conn.namespace ?? "default";
    const table = new ResultTable(refs, defaultNamespace);
    const json = flags.output === "json";
    if (!json) io.stdout(table.header());
    const report = await applyResources(objects, {
      transport,
      ...(flag(flags.args, "--field-manager") ? { fieldManager: flag(flags.args, "--field-manager")! } : {}),
      forceConflicts: flags.args.flags.has("--force-conflicts"),
      failFast: flags.args.flags.has("--fail-fast"),
      dryRun: flags.dryRun === "server" ? "server" : "none",
      defaultNamespace,
      ...(flags.set ? { set: setRef(flags) } : {}),
      prune: flags.prune,
      pruneAll: flags.pruneAll,
      crdTimeoutMs: flags.timeoutMs,
      ...(json ? {} : { onResult: (r) => io.stdout(table.row(r)) }),
    });
    if (json) {
      io.stdout(reportJson(report));
    } else {
      if (report.pruned?.length) {
        const pruneTable = new ResultTable(report.pruned.map((p) => p.ref));
        io.stdout(`\n${pruneTable.header()}`);
        for (const p of report.pruned) io.stdout(pruneTable.row(p));
      }
      io.stdout(`\n${summarize(report)}`);
    }
    return report.failed > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ApplyError || (e instanceof Error && e.name === "YamlError")) {
      io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    transport?.close?.();
  }
}

function kubeconfigOptions(flags: ApplyFlags) {
  const kubeconfig = flag(flags.args, "--kubeconfig");
  const context = flag(flags.args, "--context");
  return { ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}) };
}

/**
 * The parent's namespace does not follow the kubeconfig context, so one command line always
 * means the same set whatever context namespace is current.
 */
function setRef(flags: ApplyFlags): ApplySetRef {
  return { name: flags.set!, namespace: flags.setNamespace ?? flags.namespace ?? "default" };
}

/**
 * Prints the plan without touching a cluster. Only with --prune does it read the cluster (list
 * requests only), since what prune would delete exists nowhere else.
 */
async function clientDryRun(objects: YamlMap[], flags: ApplyFlags, io: ApplyIo, keep: (t: Transport) => void): Promise<number> {
  const defaultNamespace = flags.namespace ?? "default";
  const set = flags.set ? setRef(flags) : undefined;
  const plan = planApply(objects, {
    ...(flag(flags.args, "--field-manager") ? { fieldManager: flag(flags.args, "--field-manager")! } : {}),
    forceConflicts: flags.args.flags.has("--force-conflicts"),
    defaultNamespace,
    ...(set ? { set } : {}),
  });
  if (flags.output === "json") {
    for (const p of plan) io.stdout(`${JSON.stringify({ method: p.method, path: p.path, query: p.query, contentType: p.contentType, body: JSON.parse(p.body) })}\n`);
  } else {
    io.stdout(formatPlan(plan, { prunePending: flags.prune }));
    if (set) io.stdout(`# set ${set.namespace}/${set.name}: members labelled applyset.kubernetes.io/part-of=${applySetId(set)}\n`);
  }
  if (!flags.prune) return 0;
  const conn = await connectWithKubeconfig(kubeconfigOptions(flags));
  keep(conn.transport);
  const pruneSet = set ?? setRef(flags);
  const pruned = await previewPrune(objects, { transport: conn.transport, set: pruneSet, defaultNamespace: flags.namespace ?? conn.namespace ?? "default", pruneAll: flags.pruneAll });
  if (flags.output === "json") {
    for (const p of pruned) io.stdout(`${JSON.stringify({ method: "DELETE", ref: p.ref, status: p.status, ...(p.message ? { message: p.message } : {}) })}\n`);
  } else {
    io.stdout(`# prune of set ${pruneSet.namespace}/${pruneSet.name} (read from the cluster, nothing deleted)\n`);
    if (pruned.length) {
      const table = new ResultTable(pruned.map((p) => p.ref));
      io.stdout(table.header());
      for (const p of pruned) io.stdout(table.row(p));
    }
    io.stdout(summarizePrune(pruned, true));
  }
  return pruned.some((p) => p.status === "failed") ? 1 : 0;
}

async function readInput(flags: ApplyFlags, io: ApplyIo): Promise<YamlMap[]> {
  if (flags.kustomizeDir) return buildKustomization(flags.kustomizeDir, io);
  const objects: YamlMap[] = [];
  for (const f of flags.files) {
    if (f === "-") {
      objects.push(...objectsFromDocuments(parseAllDocuments(await io.stdin(), { file: "<stdin>" })));
      continue;
    }
    for (const file of expandPath(f)) objects.push(...objectsFromDocuments(parseAllDocuments(fs.readFileSync(file, "utf8"), { file })));
  }
  return objects;
}

/** A directory means its .yaml, .yml and .json files (not recursive), in name order, as kubectl -f. */
function expandPath(p: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new ApplyError("INVALID_INPUT", `${p}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => path.join(p, n));
}

async function buildKustomization(dir: string, io: ApplyIo): Promise<YamlMap[]> {
  const [{ build }, { NodeFileSystem }] = await Promise.all([import("@kfrender/kustomize"), import("../node-fs.js")]);
  const { resources, warnings } = build(path.resolve(dir), { fs: new NodeFileSystem(), loadRestrictor: "LoadRestrictionsRootOnly", env: io.env ?? process.env });
  for (const w of warnings) io.stderr(`${w}\n`);
  return resources.map((r) => r.obj as YamlMap);
}
