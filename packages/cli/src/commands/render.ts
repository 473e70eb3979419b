import * as fs from "node:fs";
import * as path from "node:path";
import {
  type AppResult,
  type Builder,
  type ImagePrefix,
  KfDefError,
  type KfDef,
  type RenderProgress,
  type RenderResult,
  checkGolden,
  parseImagePrefix,
  parseKfDef,
  renderKfDef,
} from "@kfrender/kfdef";
import { KustomizeError, type LoadRestrictor, build } from "@kfrender/kustomize";
import { stringifyAll, stringifyResource } from "@kfrender/yaml";
import { type ParsedArgs, UsageError, flag, parseArgs } from "../args.js";
import { NodeFileSystem } from "../node-fs.js";
import { writeNew } from "../write-new.js";
import { runBuild } from "./build.js";

/** What the render commands need of the CLI's I/O. */
export interface RenderIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const COMMON_OPTIONS = `  --repo NAME=DIR          directory of the KfDef's spec.repos entry NAME (repeatable)
  --keep-going             render the other applications when one fails (exit status still 1)
  --airgap-registry R      prefix every image reference with R (verbatim, e.g. registry.local:5000/)
  --image-prefix SRC=DEST  an image reference starting with SRC gets DEST instead (repeatable,
                           first match wins; applied after --airgap-registry)
  --annotate-instance      add kfctl.kubeflow.io/kfdef-instance: <name>.<namespace> to every resource
                           (automatic when the KfDef has kfctl.kubeflow.io/set-kubeflow-annotation: "true")
  --load-restrictor R      for a kustomization PATH: LoadRestrictionsRootOnly (default) or LoadRestrictionsNone
  --check FILE             compare the output with FILE: print a unified diff and exit 1 when they differ
  --update                 with --check: rewrite FILE with the output instead`;

export const RENDER_USAGE = `Usage: kfrender render PATH [options]

Prints the full, ordered resource set kfctl v1.2 would have applied for a KfDef
(../shared/specs/kfdef-rendering.md): all applications in order, '---' separated.
PATH is a KfDef file; or a kustomization directory whose build yields exactly one KfDef (it is
built, then rendered); or any other kustomization directory (printed as \`kfrender build\` does).
${COMMON_OPTIONS}
  -o DIR                   one file per application, NN-name.yaml, instead of stdout
Exit status: 0 when every application rendered, 1 when one failed, 2 for usage errors.`;

const VALUE_FLAGS = ["--repo", "--airgap-registry", "--image-prefix", "--load-restrictor", "--check", "-o", "--output"];
const BOOLEAN_FLAGS = ["--keep-going", "--annotate-instance", "--update"];

export interface RenderRequest {
  target: string;
  repos: Record<string, string>;
  keepGoing: boolean;
  airgapRegistry?: string;
  imagePrefixes: ImagePrefix[];
  annotateInstance?: boolean;
  restrictor: LoadRestrictor;
  check?: string;
  update: boolean;
  outDir?: string;
}

function isOn(args: ParsedArgs, name: string): boolean {
  const v = flag(args, name);
  return v !== undefined && v !== "false";
}

export function parseRenderArgs(argv: string[], opts: { allowOutDir: boolean }): RenderRequest {
  const args = parseArgs(argv, { value: VALUE_FLAGS, boolean: BOOLEAN_FLAGS });
  if (args.positionals.length !== 1) throw new UsageError("specify one PATH: a KfDef file or a kustomization directory");
  const repos: Record<string, string> = {};
  for (const spec of args.flags.get("--repo") ?? []) {
    const eq = spec.indexOf("=");
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--repo ${spec}: expected NAME=DIR`);
    const dir = path.resolve(spec.slice(eq + 1));
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--repo ${spec}: ${dir} is not a directory`);
    repos[spec.slice(0, eq)] = dir;
  }
  const imagePrefixes = (args.flags.get("--image-prefix") ?? []).map((spec) => {
    const p = parseImagePrefix(spec);
    if (!p) throw new UsageError(`--image-prefix ${spec}: expected SRC=DEST with a non-empty SRC`);
    return p;
  });
  const restrictor = (flag(args, "--load-restrictor") ?? "LoadRestrictionsRootOnly") as LoadRestrictor;
  if (restrictor !== "LoadRestrictionsRootOnly" && restrictor !== "LoadRestrictionsNone") {
    throw new UsageError(`illegal flag value --load-restrictor ${restrictor}; legal values: LoadRestrictionsRootOnly, LoadRestrictionsNone`);
  }
  const outDir = flag(args, "-o") ?? flag(args, "--output");
  if (outDir !== undefined && !opts.allowOutDir) throw new UsageError("-o is not an option of this command");
  const check = flag(args, "--check");
  const update = isOn(args, "--update");
  if (update && check === undefined) throw new UsageError("--update needs --check FILE");
  if (check !== undefined && outDir !== undefined) throw new UsageError("--check and -o cannot be used together");
  return {
    target: path.resolve(args.positionals[0]!),
    repos,
    keepGoing: isOn(args, "--keep-going"),
    ...(flag(args, "--airgap-registry") !== undefined ? { airgapRegistry: flag(args, "--airgap-registry")! } : {}),
    imagePrefixes,
    ...(isOn(args, "--annotate-instance") ? { annotateInstance: true } : {}),
    restrictor,
    ...(check !== undefined ? { check: path.resolve(check) } : {}),
    update,
    ...(outDir !== undefined ? { outDir: path.resolve(outDir) } : {}),
  };
}

/** What PATH turned out to be. */
export type Loaded = { kind: "kfdef"; kfdef: KfDef; source: string } | { kind: "kustomization"; output: string };

/** Reads PATH: a KfDef file, or a kustomization directory (built; its single KfDef, if any, parsed). */
export function loadTarget(req: RenderRequest, io: RenderIo): Loaded {
  const nodeFs = new NodeFileSystem();
  if (!fs.existsSync(req.target)) throw new UsageError(`${req.target}: no such file or directory`);
  if (!fs.statSync(req.target).isDirectory()) {
    return { kind: "kfdef", kfdef: parseKfDef(fs.readFileSync(req.target, "utf8"), req.target), source: req.target };
  }
  const { resources, warnings } = build(req.target, { fs: nodeFs, loadRestrictor: req.restrictor, env: io.env });
  for (const w of warnings) io.stderr(w + "\n");
  const kfdefs = resources.filter((r) => r.obj !== null && typeof r.obj === "object" && !Array.isArray(r.obj) && r.obj.kind === "KfDef");
  if (kfdefs.length === 0) return { kind: "kustomization", output: stringifyAll(resources.map((r) => r.obj)) };
  if (kfdefs.length > 1) {
    throw new KfDefError("INPUT", `${req.target}: the build yields ${kfdefs.length} KfDefs; render them one at a time`);
  }
  // kfctl read the KfDef from the printed build output, with its own (YAML 1.1) typing.
  const source = `${req.target} (built)`;
  return { kind: "kfdef", kfdef: parseKfDef(stringifyResource(kfdefs[0]!.obj), source), source };
}

function progress(io: RenderIo): ((e: RenderProgress) => void) | undefined {
  if (!io.isTTY) return undefined;
  return (e) => {
    const pos = `[${String(e.position).padStart(String(e.total).length)}/${e.total}]`;
    if (e.phase === "start") io.stderr(`${pos} ${e.app} …\n`);
    else if (e.phase === "done") io.stderr(`${pos} ${e.app}: ${e.documents} resource${e.documents === 1 ? "" : "s"}\n`);
    else io.stderr(`${pos} ${e.app}: failed\n`);
  };
}

export function warnUnusedRepos(kfdef: KfDef, repos: Record<string, string>, io: RenderIo): void {
  for (const name of Object.keys(repos)) {
    if (!kfdef.repos.some((r) => r.name === name)) io.stderr(`Warning: --repo ${name}: the KfDef's spec.repos has no repo named ${name}; ignored\n`);
  }
}

/** Renders a loaded KfDef with the request's options; reports failed applications on stderr. */
/** Replaceable parts, for tests. */
export interface RenderDeps {
  builder?: Builder;
}

export function renderRequest(kfdef: KfDef, req: RenderRequest, io: RenderIo, deps: RenderDeps = {}): { result: RenderResult; failed: AppResult[] } {
  warnUnusedRepos(kfdef, req.repos, io);
  const onProgress = progress(io);
  const result = renderKfDef(kfdef, {
    fs: new NodeFileSystem(),
    repos: req.repos,
    ...(req.airgapRegistry !== undefined ? { airgapRegistry: req.airgapRegistry } : {}),
    imagePrefixes: req.imagePrefixes,
    ...(req.annotateInstance ? { annotateInstance: true } : {}),
    env: io.env,
    stopOnError: !req.keepGoing,
    ...(onProgress ? { onProgress } : {}),
    ...(deps.builder ? { builder: deps.builder } : {}),
  });
  const failed = result.applications.filter((a) => !a.ok && !a.skipped);
  for (const a of failed) if (!a.ok) io.stderr(`Error: ${a.error.message}\n`);
  if (failed.length > 0 && req.keepGoing) {
    io.stderr(`Error: ${failed.length} of ${result.applications.length} applications failed: ${failed.map((a) => a.name).join(", ")}\n`);
  }
  return { result, failed };
}

/**
 * `--check FILE [--update]` for any command's output: 0 when FILE matches (or was rewritten),
 * 1 with a unified diff on stdout when it does not.
 */
export function applyGolden(output: string, file: string, update: boolean, io: Pick<RenderIo, "stdout" | "stderr">): number {
  if (update) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.kfrender-${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, file);
    io.stderr(`updated ${file}\n`);
    return 0;
  }
  const expected = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  const r = checkGolden(output, expected, file);
  if (r.equal) return 0;
  io.stdout(r.diff);
  io.stderr(r.missing ? `Error: ${file} does not exist (run with --update to create it)\n` : `Error: output differs from ${file}\n`);
  return 1;
}

/** Turns failures the user caused (bad KfDef, failed build of PATH) into an exit status. */
export function reportInputError(e: unknown, io: RenderIo): number {
  if (e instanceof KfDefError || e instanceof KustomizeError) {
    io.stderr(`Error: ${e.message}\n`);
    return 1;
  }
  throw e;
}

/**
 * How `render` and `images` start: `--help`, the options, then PATH read. Either the request and
 * what PATH turned out to be, or the exit status when the command ends there.
 */
export function startRender(
  argv: string[],
  io: RenderIo,
  usage: string,
  opts: { allowOutDir: boolean },
): { req: RenderRequest; loaded: Loaded } | number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(usage + "\n");
    return 0;
  }
  let req: RenderRequest;
  try {
    req = parseRenderArgs(argv, opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`Error: ${e.message}\n\n${usage}\n`);
    return 2;
  }
  try {
    return { req, loaded: loadTarget(req, io) };
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`Error: ${e.message}\n`);
      return 2;
    }
    return reportInputError(e, io);
  }
}

export async function runRender(argv: string[], io: RenderIo, deps: RenderDeps = {}): Promise<number> {
  const started = startRender(argv, io, RENDER_USAGE, { allowOutDir: true });
  if (typeof started === "number") return started;
  const { loaded } = started;
  let { req } = started;

  if (loaded.kind === "kustomization") {
    if (req.check !== undefined) return applyGolden(loaded.output, req.check, req.update, io);
    if (req.outDir !== undefined) {
      // Exactly `kfrender build -o`.
      const stdin = async () => "";
      return runBuild(["--load-restrictor", req.restrictor, "-o", req.outDir, req.target], { ...io, stdin });
    }
    io.stdout(loaded.output);
    return 0;
  }

  try {
    req = await resolveMissingRepos(loaded.kfdef, req, io);
  } catch (e) {
    return reportInputError(e, io);
  }
  let rendered: ReturnType<typeof renderRequest>;
  try {
    rendered = renderRequest(loaded.kfdef, req, io, deps);
  } catch (e) {
    return reportInputError(e, io);
  }
  const { result, failed } = rendered;
  if (failed.length > 0 && !req.keepGoing) return 1;
  const status = failed.length > 0 ? 1 : 0;
  if (req.check !== undefined) return Math.max(applyGolden(result.yaml, req.check, req.update, io), status);
  if (req.outDir !== undefined) {
    fs.mkdirSync(req.outDir, { recursive: true });
    for (const a of result.applications) if (a.ok) writeNew(path.join(req.outDir, a.fileName), a.yaml);
    return status;
  }
  io.stdout(result.yaml);
  return status;
}

/**
 * Repos not given with `--repo` come from the manifest-source resolver (local path, cache,
 * built-in manifests, with the operator's precedence rules); its warnings go to stderr.
 */
async function resolveMissingRepos(kfdef: KfDef, req: RenderRequest, io: RenderIo): Promise<RenderRequest> {
  if (kfdef.repos.every((r) => r.name in req.repos)) return req;
  const { resolveSources } = await import("@kfrender/sources");
  const input = fs.statSync(req.target).isDirectory()
    ? { repos: kfdef.repos, baseDir: path.resolve(req.target) }
    : path.resolve(req.target);
  const result = await resolveSources(input, { overrides: { ...req.repos } });
  for (const d of result.decisions) {
    for (const w of d.warnings) io.stderr(`Warning: repo ${d.repo}: ${w}\n`);
    if (d.error) io.stderr(`Error: repo ${d.repo}: ${d.error}\n`);
  }
  return { ...req, repos: { ...result.repos, ...req.repos } };
}
