import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { errnoCode } from "./errors.js";
import { processAlive } from "./process-alive.js";
import type { SourcesFs } from "./types.js";

/** What a cache directory holds, recorded beside it once it is complete. */
export type Origin =
  | { kind: "local"; path: string; fingerprint: string }
  | { kind: "dir"; uri: string; fingerprint: string }
  | { kind: "tarball"; uri: string; size: number; mtimeMs: number }
  | { kind: "http"; uri: string };

interface Meta {
  version: 1;
  repo: string;
  origin: Origin;
  completedAt: string;
}

/** Temporary names this process is still using; anything else of ours that matches is a leftover. */
const active = new Set<string>();

/**
 * A temporary sibling of `target`: `.<base>.<kind>-<pid>-<random>`, so that the rename into place
 * stays on one filesystem and leftovers of a crash are recognisable (and never mistaken for data).
 */
export function tempSibling(target: string, kind: string): string {
  const p = join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(6).toString("hex")}`);
  active.add(p);
  return p;
}

export function doneWithTemp(p: string): void {
  active.delete(p);
}

/** Removes temporary siblings of `target` left by processes that died (or calls that crashed). */
export async function removeLeftovers(fs: SourcesFs, target: string): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const m = /^(?:tmp|old|dl|meta|kfrender-tmp)-(\d+)-[0-9a-f]{12}(?:-x)?$/.exec(n.slice(prefix.length));
    if (!m) continue;
    const p = join(dir, n);
    const pid = Number(m[1]);
    if (pid === process.pid ? active.has(p) : processAlive(pid)) continue;
    await fs.rmrf(p).catch(() => undefined);
  }
}

export function sameOrigin(a: Origin | undefined, b: Origin): boolean {
  if (!a || a.kind !== b.kind) return false;
  switch (b.kind) {
    case "local":
      return a.kind === "local" && a.path === b.path && a.fingerprint === b.fingerprint;
    case "dir":
      return a.kind === "dir" && a.uri === b.uri && a.fingerprint === b.fingerprint;
    case "tarball":
      return a.kind === "tarball" && a.uri === b.uri && a.size === b.size && a.mtimeMs === b.mtimeMs;
    case "http":
      return a.kind === "http" && a.uri === b.uri;
  }
}

/** `<cacheDir>/<repo>` and its record `<cacheDir>/.<repo>.kfrender.json`. */
export class CacheEntry {
  readonly dir: string;
  private readonly metaFile: string;

  constructor(
    private readonly fs: SourcesFs,
    readonly cacheDir: string,
    readonly repo: string,
  ) {
    this.dir = join(cacheDir, repo);
    this.metaFile = join(cacheDir, `.${repo}.kfrender.json`);
  }

  /** Leftovers of crashed runs; called with the entry's lock held. */
  async cleanUp(): Promise<void> {
    await removeLeftovers(this.fs, this.dir);
    await removeLeftovers(this.fs, this.metaFile);
  }

  /** The origin of the cache's content if it is complete (record present, directory present). */
  async origin(): Promise<Origin | undefined> {
    let meta: Meta;
    try {
      meta = JSON.parse(await this.fs.readFile(this.metaFile)) as Meta;
    } catch {
      return undefined;
    }
    if (meta.version !== 1 || meta.repo !== this.repo || typeof meta.origin !== "object") return undefined;
    try {
      if (!(await this.fs.stat(this.dir)).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    return meta.origin;
  }

  /**
   * Puts the complete directory `ready` in place of the cache and records its origin. The record
   * goes first and comes back last, so at every instant a record present means its directory is
   * complete; a crash in between costs a re-fetch, never a wrong render. If the swap itself fails,
   * the previous directory and record are put back.
   */
  async install(ready: string, origin: Origin): Promise<void> {
    const fs = this.fs;
    const previous = await fs.readFile(this.metaFile).catch(() => undefined);
    await fs.rmrf(this.metaFile);
    let old: string | undefined;
    try {
      old = tempSibling(this.dir, "old");
      await fs.rename(this.dir, old);
    } catch (e) {
      if (old) doneWithTemp(old);
      old = undefined;
      if (errnoCode(e) !== "ENOENT") {
        if (previous !== undefined) await this.writeMeta(previous);
        throw e;
      }
    }
    try {
      await fs.rename(ready, this.dir);
    } catch (e) {
      if (old) {
        await fs.rename(old, this.dir).then(
          () => (previous !== undefined ? this.writeMeta(previous) : undefined),
          () => undefined,
        );
        doneWithTemp(old);
      }
      throw e;
    }
    doneWithTemp(ready);
    const meta: Meta = { version: 1, repo: this.repo, origin, completedAt: new Date().toISOString() };
    // If this fails the content is still in place and complete, just not reused next time.
    await this.writeMeta(JSON.stringify(meta, null, 2) + "\n");
    if (old) {
      await fs.rmrf(old).catch(() => undefined);
      doneWithTemp(old);
    }
  }

  /** Writes the record through a temporary sibling (never a half-written record); best effort. */
  private async writeMeta(text: string): Promise<void> {
    const tmp = tempSibling(this.metaFile, "meta");
    try {
      await this.fs.writeFile(tmp, text);
      await this.fs.rename(tmp, this.metaFile);
    } catch {
      await this.fs.rmrf(tmp).catch(() => undefined);
    } finally {
      doneWithTemp(tmp);
    }
  }
}
