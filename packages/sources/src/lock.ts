import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { SourcesError, errnoCode } from "./errors.js";
import type { SourcesFs } from "./types.js";

export interface LockOptions {
  timeoutMs: number;
  staleMs: number;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

const OWNER_FILE = "owner.json";

/**
 * Runs `fn` holding the lock directory `lockDir` (mkdir is atomic, also on network filesystems).
 * Another holder is waited for; a lock whose owner process is gone (same host) or that is older
 * than `staleMs` is taken over, by renaming it away first so that two waiters cannot both win.
 */
export async function withLock<T>(fs: SourcesFs, lockDir: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString("hex"), since: new Date().toISOString() };
  await acquire(fs, lockDir, owner, opts);
  try {
    return await fn();
  } finally {
    await release(fs, lockDir, owner);
  }
}

async function acquire(fs: SourcesFs, lockDir: string, owner: Owner, opts: LockOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let wait = 20;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      // Without this file the lock still holds; it only helps others judge staleness.
      await fs.writeFile(join(lockDir, OWNER_FILE), JSON.stringify(owner)).catch(() => undefined);
      return;
    } catch (e) {
      if (errnoCode(e) !== "EEXIST") throw e;
    }
    const holder = await readOwner(fs, lockDir);
    if (await isStale(fs, lockDir, holder, opts.staleMs)) {
      const away = `${lockDir}.stale-${randomBytes(6).toString("hex")}`;
      try {
        await fs.rename(lockDir, away);
        await fs.rmrf(away);
      } catch {
        // Someone else took it over or released it first; just try again.
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? ` by process ${holder.pid} on ${holder.host} since ${holder.since}` : "";
      throw new SourcesError("LOCKED", `${lockDir} is held${who}; gave up after ${seconds(opts.timeoutMs)}`);
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 250);
  }
}

async function release(fs: SourcesFs, lockDir: string, owner: Owner): Promise<void> {
  const holder = await readOwner(fs, lockDir);
  // A lock taken over as stale belongs to someone else now.
  if (holder && holder.token !== owner.token) return;
  await fs.rmrf(lockDir).catch(() => undefined);
}

async function readOwner(fs: SourcesFs, lockDir: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await fs.readFile(join(lockDir, OWNER_FILE))) as Partial<Owner>;
    if (typeof o.pid === "number" && typeof o.host === "string" && typeof o.token === "string") return o as Owner;
  } catch {
    // Missing (being created) or unreadable: judged by age alone.
  }
  return undefined;
}

async function isStale(fs: SourcesFs, lockDir: string, holder: Owner | undefined, staleMs: number): Promise<boolean> {
  // On this host the owner's liveness is the whole answer; elsewhere only the lock's age is known.
  if (holder && holder.host === hostname()) return !processAlive(holder.pid);
  try {
    return Date.now() - (await fs.lstat(lockDir)).mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next mkdir will tell
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === "EPERM";
  }
}
