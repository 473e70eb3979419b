import { CacheEntry, type Origin, doneWithTemp, sameOrigin, tempSibling } from "./cache-entry.js";
import { copyTree } from "./copy-tree.js";
import { SourcesError, errnoCode } from "./errors.js";
import { fingerprintTree } from "./fingerprint.js";
import { extractTarball } from "./tar-extract.js";
import { classifyUri } from "./uri.js";
import type { DownloadLimits, Downloader, SourcesFs } from "./types.js";

export interface BuiltinContext {
  fs: SourcesFs;
  download: Downloader;
  limits: DownloadLimits;
  refresh: boolean;
  baseDir: string;
  /** The cache directory with symlinks resolved: left out when a source directory contains it. */
  cacheReal?: string;
}

export interface Builtin {
  /** `built-in` when fetched now, `cache` when a complete cache of the same uri was reused. */
  source: "built-in" | "cache";
  /** How, for the decision's reason: "downloaded https://…", "reused the cache of /x.tgz". */
  how: string;
  warnings: string[];
}

/**
 * Makes the cache entry hold the repo's built-in manifests (its `uri`), reusing it without any
 * fetch when it is complete for the same uri: same URL, same tarball size and mtime, or a local
 * directory with the same fingerprint. Throws SourcesError (or a node error) when it cannot.
 */
export async function ensureBuiltin(ctx: BuiltinContext, entry: CacheEntry, uri: string): Promise<Builtin> {
  const { fs } = ctx;
  const src = classifyUri(uri, ctx.baseDir);
  if (src.kind === "http") {
    const origin: Origin = { kind: "http", uri: src.url };
    if (await reusable(ctx, entry, origin)) return reused(src.url);
    const dl = tempSibling(entry.dir, "dl");
    try {
      await ctx.download(src.url, dl, ctx.limits);
      await unpackInto(ctx, entry, origin, (tmp) => extractTarball(dl, tmp, src.url));
    } finally {
      await fs.rmrf(dl).catch(() => undefined);
      doneWithTemp(dl);
    }
    return { source: "built-in", how: `downloaded ${src.url}`, warnings: [] };
  }

  const st = await fs.stat(src.path).catch((e: unknown) => {
    if (errnoCode(e) === "ENOENT") {
      throw new SourcesError("URI_NOT_FOUND", `uri ${uri}: ${src.path} does not exist (a uri is a local directory, file:///….tar.gz or .tgz, or an http(s):// archive)`);
    }
    throw e;
  });
  if (src.kind === "tarball") {
    if (!st.isFile()) throw new SourcesError("BAD_URI", `uri ${uri}: ${src.path} is not a file`);
    const origin: Origin = { kind: "tarball", uri: src.path, size: st.size, mtimeMs: st.mtimeMs };
    if (await reusable(ctx, entry, origin)) return reused(src.path);
    await unpackInto(ctx, entry, origin, (tmp) => extractTarball(src.path, tmp));
    return { source: "built-in", how: `unpacked ${src.path}`, warnings: [] };
  }

  if (!st.isDirectory()) {
    throw new SourcesError("BAD_URI", `uri ${uri}: ${src.path} is neither a directory nor a .tar.gz/.tgz archive`);
  }
  const root = await fs.realpath(src.path);
  const { digest } = await fingerprintTree(fs, root, ctx.cacheReal);
  const origin: Origin = { kind: "dir", uri: src.path, fingerprint: digest };
  if (await reusable(ctx, entry, origin)) return reused(src.path);
  let skipped: string[] = [];
  await unpackInto(ctx, entry, origin, async (tmp) => {
    skipped = await copyTree(fs, root, tmp, ctx.cacheReal);
  });
  return { source: "built-in", how: `copied ${src.path}`, warnings: skippedWarnings(src.path, skipped) };
}

async function reusable(ctx: BuiltinContext, entry: CacheEntry, origin: Origin): Promise<boolean> {
  return !ctx.refresh && sameOrigin(await entry.origin(), origin);
}

function reused(what: string): Builtin {
  return { source: "cache", how: `the cache already holds ${what}; nothing fetched`, warnings: [] };
}

/** Fills a temporary sibling of the cache entry and swaps it in only once `fill` completed. */
export async function unpackInto(
  ctx: { fs: SourcesFs },
  entry: CacheEntry,
  origin: Origin,
  fill: (tmp: string) => Promise<void>,
): Promise<void> {
  const tmp = tempSibling(entry.dir, "tmp");
  try {
    await fill(tmp);
    await entry.install(tmp, origin);
  } catch (e) {
    await ctx.fs.rmrf(tmp).catch(() => undefined);
    throw e;
  } finally {
    doneWithTemp(tmp);
  }
}

export function skippedWarnings(from: string, skipped: string[]): string[] {
  return skipped.length ? [`${from}: left out ${skipped.length} special file(s) (sockets, FIFOs, devices): ${skipped.join(", ")}`] : [];
}
