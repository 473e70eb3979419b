import { dirname, join, resolve } from "node:path";
import { type Builtin, type BuiltinContext, ensureBuiltin, skippedWarnings, unpackInto } from "./builtin.js";
import { CacheEntry, type Origin, doneWithTemp, removeLeftovers, sameOrigin, tempSibling } from "./cache-entry.js";
import { copyTree } from "./copy-tree.js";
import { SourcesError, describeError, errnoCode } from "./errors.js";
import { fingerprintTree } from "./fingerprint.js";
import { httpDownload } from "./http-download.js";
import { parseKfDefRepos } from "./kfdef-repos.js";
import { withLock } from "./lock.js";
import { nodeFs } from "./node-fs.js";
import type { Decision, RepoSpec, ResolveOptions, ResolveResult, SourcesFs } from "./types.js";

const DEFAULTS = {
  timeoutMs: 120_000,
  maxBytes: 512 * 1024 * 1024,
  maxRedirects: 5,
  lockTimeoutMs: 600_000,
  lockStaleMs: 1_800_000,
};

interface Context extends BuiltinContext {
  cacheDir: string;
  lock: { timeoutMs: number; staleMs: number };
}

/**
 * Turns a KfDef's `spec.repos` into directories to render, following the enterprise operator's
 * rules for a repo's `path` (the user's editable copy) and its `uri` (the built-in manifests):
 * 1. `path` has files → copied into the cache and used; the built-in manifests are ignored.
 * 2. `path` empty or missing → the built-in manifests are put there (for editing) and used.
 * 3. `path` unreadable, or copying into or out of it failed → the built-in manifests, with a warning.
 * 4. no `path` → `uri` fetched into the cache, as kfctl did.
 * A user's non-empty directory is never written; every copy lands in a temporary sibling and is
 * renamed into place when complete; each cache entry is worked on under a lock.
 * Input problems (unreadable or invalid KfDef) throw SourcesError; a repo that cannot be resolved
 * is a decision with `error` and is missing from `repos`.
 */
export async function resolveSources(
  input: string | { repos: RepoSpec[]; baseDir: string },
  options: ResolveOptions = {},
): Promise<ResolveResult> {
  const fs = options.fs ?? nodeFs;
  let repos: RepoSpec[];
  let baseDir: string;
  if (typeof input === "string") {
    const file = resolve(input);
    let text: string;
    try {
      text = await fs.readFile(file);
    } catch (e) {
      throw new SourcesError("KFDEF_READ", `cannot read KfDef ${file}: ${describeError(e)}`, file);
    }
    repos = parseKfDefRepos(text, file);
    baseDir = dirname(file);
  } else {
    repos = input.repos;
    baseDir = resolve(input.baseDir);
  }
  const ctx: Context = {
    fs,
    download: options.download ?? httpDownload,
    limits: {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
      maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    },
    refresh: options.refresh ?? false,
    baseDir,
    cacheDir: options.cacheDir !== undefined ? resolve(options.cacheDir) : join(baseDir, ".cache"),
    lock: { timeoutMs: options.lockTimeoutMs ?? DEFAULTS.lockTimeoutMs, staleMs: options.lockStaleMs ?? DEFAULTS.lockStaleMs },
  };
  const overrides = options.overrides ?? {};

  const result: ResolveResult = { repos: {}, decisions: [] };
  const byName = new Map<string, Decision>();
  for (const repo of repos) {
    const first = byName.get(repo.name);
    if (first) {
      first.warnings.push(`spec.repos lists "${repo.name}" again (uri ${repo.uri || '""'}); only the first entry is used`);
      continue;
    }
    const d = Object.hasOwn(overrides, repo.name) ? override(repo, overrides[repo.name]!) : await resolveRepo(ctx, repo);
    byName.set(repo.name, d);
    result.decisions.push(d);
  }
  for (const [name, dir] of Object.entries(overrides)) {
    if (byName.has(name)) continue;
    const d = override({ name, uri: "" }, dir);
    d.reason += " (not listed in spec.repos)";
    result.decisions.push(d);
  }
  for (const d of result.decisions) if (d.dir !== undefined) result.repos[d.repo] = d.dir;
  return result;
}

function override(repo: RepoSpec, dir: string): Decision {
  return { ...head(repo), source: "override", dir: resolve(dir), reason: "directory given by the caller (--repo); not resolved" };
}

function head(repo: RepoSpec): Pick<Decision, "repo" | "uri" | "path" | "warnings"> {
  return { repo: repo.name, uri: repo.uri, ...(repo.path ? { path: repo.path } : {}), warnings: [] };
}

function failed(repo: RepoSpec, rule: Decision["rule"], reason: string, error: unknown, warnings: string[] = []): Decision {
  const d: Decision = { ...head(repo), source: "none", reason, warnings, error: describeError(error) };
  if (rule !== undefined) d.rule = rule;
  return d;
}

async function resolveRepo(ctx: Context, repo: RepoSpec): Promise<Decision> {
  const name = repo.name;
  if (name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
    return failed(repo, undefined, "invalid repo name", `repo name ${JSON.stringify(name)} cannot name a cache directory`);
  }
  try {
    await ctx.fs.mkdir(ctx.cacheDir, { recursive: true });
    ctx.cacheReal ??= await ctx.fs.realpath(ctx.cacheDir);
  } catch (e) {
    return failed(repo, repo.path ? undefined : 4, "no cache directory", `cannot create cache directory ${ctx.cacheDir}: ${describeError(e)}`);
  }
  const entry = new CacheEntry(ctx.fs, ctx.cacheDir, name);
  try {
    return await withLock(ctx.fs, join(ctx.cacheDir, `.${name}.lock`), ctx.lock, async () => {
      await entry.cleanUp();
      return repo.path ? await withLocalPath(ctx, entry, repo, resolve(ctx.baseDir, repo.path)) : await withoutPath(ctx, entry, repo);
    });
  } catch (e) {
    // Only the lock itself gets here; every rule reports its own failures.
    return failed(repo, undefined, e instanceof SourcesError && e.code === "LOCKED" ? "cache entry busy" : "cache entry cannot be locked", e);
  }
}

/** Rule 4. */
async function withoutPath(ctx: Context, entry: CacheEntry, repo: RepoSpec): Promise<Decision> {
  try {
    const b = await ensureBuiltin(ctx, entry, repo.uri);
    return { ...head(repo), rule: 4, source: b.source, dir: entry.dir, reason: `path not set: ${b.how}`, warnings: b.warnings };
  } catch (e) {
    return failed(repo, 4, "path not set: the built-in manifests could not be fetched", e);
  }
}

type LocalState =
  | { kind: "files"; dir: string; fingerprint: string }
  | { kind: "empty"; dir: string }
  | { kind: "missing" }
  | { kind: "unreadable"; why: string };

async function inspectLocal(fs: SourcesFs, path: string, exclude: string | undefined): Promise<LocalState> {
  let dir = path;
  try {
    // A symlinked path is followed, so that rule 2 fills the directory and never replaces the link.
    dir = await fs.realpath(path);
    if (!(await fs.stat(dir)).isDirectory()) return { kind: "unreadable", why: "it is not a directory" };
    if ((await fs.readdir(dir)).length === 0) return { kind: "empty", dir };
    return { kind: "files", dir, fingerprint: (await fingerprintTree(fs, dir, exclude)).digest };
  } catch (e) {
    if (errnoCode(e) === "ENOENT" && dir === path) return { kind: "missing" };
    return { kind: "unreadable", why: describeError(e) };
  }
}

/** Rules 1–3. */
async function withLocalPath(ctx: Context, entry: CacheEntry, repo: RepoSpec, path: string): Promise<Decision> {
  const state = await inspectLocal(ctx.fs, path, ctx.cacheReal);
  if (state.kind === "files") {
    try {
      return await useLocal(ctx, entry, repo, path, state.dir, state.fingerprint);
    } catch (e) {
      const warning = `could not copy local path ${path} into the cache (${describeError(e)}); the built-in manifests are used instead`;
      return fallback(ctx, entry, repo, `local path ${path} could not be copied`, warning);
    }
  }
  if (state.kind === "unreadable") {
    const warning = `local path ${path} cannot be read (${state.why}); the built-in manifests are used instead`;
    return fallback(ctx, entry, repo, `local path ${path} cannot be read`, warning);
  }

  // Rule 2: fetch the built-in manifests, then offer them to the user at `path`.
  const what = state.kind === "empty" ? "is empty" : "does not exist";
  let b: Builtin;
  try {
    b = await ensureBuiltin(ctx, entry, repo.uri);
  } catch (e) {
    return failed(repo, 2, `local path ${path} ${what}, and the built-in manifests could not be fetched`, e);
  }
  const target = state.kind === "empty" ? state.dir : path;
  try {
    await populateLocal(ctx.fs, entry.dir, target);
  } catch (e) {
    const warning = `could not copy the built-in manifests into local path ${target} (${describeError(e)}); it was left as it was`;
    return {
      ...head(repo),
      rule: 3,
      source: b.source,
      dir: entry.dir,
      reason: `local path ${path} ${what} but could not be written: built-in manifests used (${b.how})`,
      warnings: [...b.warnings, warning],
    };
  }
  return {
    ...head(repo),
    rule: 2,
    source: b.source,
    dir: entry.dir,
    reason: `local path ${path} ${what}: built-in manifests (${b.how}) copied there for editing and used`,
    warnings: b.warnings,
  };
}

/** Rule 1: the user's files, copied into the cache unless the cache already holds this very state. */
async function useLocal(ctx: Context, entry: CacheEntry, repo: RepoSpec, path: string, dir: string, fingerprint: string): Promise<Decision> {
  const origin: Origin = { kind: "local", path: dir, fingerprint };
  const base = { ...head(repo), rule: 1 as const, source: "local" as const, dir: entry.dir };
  if (!ctx.refresh && sameOrigin(await entry.origin(), origin)) {
    return { ...base, reason: `local path ${path} has files, unchanged since the last copy: cache reused; built-in manifests ignored` };
  }
  let skipped: string[] = [];
  await unpackInto(ctx, entry, origin, async (tmp) => {
    skipped = await copyTree(ctx.fs, dir, tmp, ctx.cacheReal);
  });
  return { ...base, reason: `local path ${path} has files: copied into the cache; built-in manifests ignored`, warnings: skippedWarnings(path, skipped) };
}

/** Rule 3. */
async function fallback(ctx: Context, entry: CacheEntry, repo: RepoSpec, problem: string, warning: string): Promise<Decision> {
  try {
    const b = await ensureBuiltin(ctx, entry, repo.uri);
    return { ...head(repo), rule: 3, source: b.source, dir: entry.dir, reason: `${problem}: built-in manifests used (${b.how})`, warnings: [warning, ...b.warnings] };
  } catch (e) {
    return failed(repo, 3, `${problem}, and the built-in manifests could not be fetched`, e, [warning]);
  }
}

/**
 * Copies the built-in manifests to the user's `target`, which is empty or missing: into a
 * temporary sibling first, then one rename. rename(2) replaces only an *empty* directory, so a
 * user who put files there meanwhile keeps them (the rename fails and the copy is discarded).
 */
async function populateLocal(fs: SourcesFs, from: string, target: string): Promise<void> {
  await fs.mkdir(dirname(target), { recursive: true });
  await removeLeftovers(fs, target);
  const tmp = tempSibling(target, "kfrender-tmp");
  try {
    await copyTree(fs, from, tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rmrf(tmp).catch(() => undefined);
    const code = errnoCode(e);
    if (code === "ENOTEMPTY" || code === "EEXIST") throw new Error(`${target} is no longer empty`);
    throw e;
  } finally {
    doneWithTemp(tmp);
  }
}
