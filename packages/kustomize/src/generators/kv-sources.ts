import { posix } from "node:path";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import type { GeneratorArgs } from "../types/kustomization.js";
import { type KvPair, parseEnvFile } from "./env-file.js";
import { goList, goQuote } from "./go-format.js";

/**
 * The key/value pairs of one generator entry, in kustomize's order: env files (`envs`, then the
 * legacy `env`), then literals, then files. Keys are not validated: kubectl's kustomize accepts
 * any key (`a b`, `..a`, `1x`).
 */
export function loadKvPairs(args: GeneratorArgs, loader: Loader, file: string): KvPair[] {
  const envs = [...(args.envs ?? []), ...(args.env ? [args.env] : [])].map(String);
  const literals = (args.literals ?? []).map(String);
  const files = (args.files ?? []).map(String);
  return [...envPairs(envs, loader), ...literalPairs(literals, file), ...filePairs(files, loader, file)];
}

function envPairs(sources: string[], loader: Loader): KvPair[] {
  const out: KvPair[] = [];
  for (const p of sources) {
    const bytes = read(loader, p, `env source files: ${goList(sources)}`);
    try {
      out.push(...parseEnvFile(bytes, loader.env));
    } catch (e) {
      throw fail(`env source files: ${goList(sources)}: ${(e as Error).message}`, posix.resolve(loader.root, p));
    }
  }
  return out;
}

function literalPairs(sources: string[], file: string): KvPair[] {
  return sources.map((s) => {
    const eq = s.indexOf("=");
    if (eq <= 0) {
      throw fail(`literal sources ${goList(sources)}: invalid literal source ${s}, expected key=value`, file);
    }
    return { key: s.slice(0, eq), value: unquote(s.slice(eq + 1)) };
  });
}

/** Drops one pair of matching surrounding quotes, `"..."` or `'...'`; anything else is kept. */
function unquote(v: string): string {
  if (v.length < 2 || v[0] !== v[v.length - 1]) return v;
  return v[0] === '"' || v[0] === "'" ? v.slice(1, -1) : v;
}

function filePairs(sources: string[], loader: Loader, file: string): KvPair[] {
  const context = `file sources: ${goList(sources)}`;
  return sources.map((s) => {
    const { key, path } = parseFileSource(s, (msg) => fail(`${context}: ${msg}`, file));
    return { key, value: read(loader, path, context) };
  });
}

/** `path` (key: the base name) or `key=path`; neither part may hold another `=`. */
export function parseFileSource(source: string, error: (msg: string) => Error): { key: string; path: string } {
  const eq = source.indexOf("=");
  if (eq < 0) return { key: posix.basename(source) || baseOfEmpty(source), path: source };
  if (eq === 0) {
    throw error(`missing key name for file path ${goQuote(source.slice(1))} in source ${goQuote(source)}`);
  }
  const key = source.slice(0, eq);
  const path = source.slice(eq + 1);
  if (path.includes("=")) throw error(`source ${goQuote(source)} key name or file path contains '='`);
  if (path === "") throw error(`missing file path for key name ${goQuote(key)} in source ${goQuote(source)}`);
  return { key, path };
}

/** Go's path.Base for the inputs Node's basename returns "" for. */
function baseOfEmpty(source: string): string {
  return source === "" ? "." : "/";
}

function read(loader: Loader, path: string, context: string): Uint8Array {
  if (/^https?:\/\//.test(path)) {
    throw new KustomizeError(
      "REMOTE_UNSUPPORTED",
      `loading KV pairs: ${context}: remote files are not supported: '${path}' (kfrender reads only local files)`,
      path,
    );
  }
  try {
    return loader.readFileBytes(path);
  } catch (e) {
    const inner = e instanceof Error ? e.message : String(e);
    const code = e instanceof KustomizeError ? e.code : "GENERATOR";
    const file = e instanceof KustomizeError ? e.file : undefined;
    throw new KustomizeError(code, `loading KV pairs: ${context}: ${inner}`, file ?? posix.resolve(loader.root, path));
  }
}

function fail(msg: string, file: string): KustomizeError {
  return new KustomizeError("GENERATOR", `loading KV pairs: ${msg}`, file);
}
