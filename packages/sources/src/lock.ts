import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { SourcesError, errnoCode } from "./errors.js";
import { processAlive } from "./process-alive.js";
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
/** Breaking a stale lock takes milliseconds; a breaker lock this old was left by a crash. */
const BREAKER_STALE_MS = 10_000;

/** Tokens of the locks this process holds right now (two calls in one process are two owners). */
const held = new Set<string>();

/**
 * Runs `fn` holding the lock directory `lockDir` (mkdir is atomic, also on network filesystems).
 * Another holder is waited for. A lock whose owner is gone (a dead process of this host, a call of
 * this process that ended without releasing it) or, when the owner cannot be checked, that is
 * older than `staleMs`, is broken — by one waiter at a time, under a second lock, after checking
 * again that it is still that same stale lock, so a fresh lock is never broken by mistake.
 */
export async function withLock<T>(fs: SourcesFs, lockDir: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const owner = newOwner();
  await acquire(fs, lockDir, owner, opts);
  try {
    return await fn();
  } finally {
    await release(fs, lockDir, owner);
  }
}

function newOwner(): Owner {
  return { pid: process.pid, host: hostname(), token: randomBytes(8).toString("hex"), since: new Date().toISOString() };
}

async function acquire(fs: SourcesFs, lockDir: string, owner: Owner, opts: LockOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let wait = 10;
  for (;;) {
    if (await tryTake(fs, lockDir, owner)) return;
    const holder = await readOwner(fs, lockDir);
    if (await isStale(fs, lockDir, holder, opts.staleMs)) {
      await breakStale(fs, lockDir, holder, opts.staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? ` by process ${holder.pid} on ${holder.host} since ${holder.since}` : "";
      throw new SourcesError("LOCKED", `${lockDir} is held${who}; gave up after ${seconds(opts.timeoutMs)}`);
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 100);
  }
}

async function tryTake(fs: SourcesFs, dir: string, owner: Owner): Promise<boolean> {
  try {
    await fs.mkdir(dir);
  } catch (e) {
    if (errnoCode(e) === "EEXIST") return false;
    throw e;
  }
  held.add(owner.token);
  // Without this file the lock still holds; it only lets others judge staleness by owner, not age.
  await fs.writeFile(join(dir, OWNER_FILE), JSON.stringify(owner)).catch(() => undefined);
  return true;
}

async function release(fs: SourcesFs, dir: string, owner: Owner): Promise<void> {
  try {
    const holder = await readOwner(fs, dir);
    if (holder && holder.token !== owner.token) return; // broken as stale: someone else's now
    await fs.rmrf(dir).catch(() => undefined);
  } finally {
    // Only now: until it is gone, the lock must not look abandoned to a waiter of this process.
    held.delete(owner.token);
  }
}

/**
 * Removes `lockDir` if it is still the stale lock of `stale`. The second lock makes breakers take
 * turns: with the stale owner gone nobody else can remove or replace `lockDir` meanwhile, so the
 * check and the removal cannot be separated by another process's take-over.
 */
async function breakStale(fs: SourcesFs, lockDir: string, stale: Owner | undefined, staleMs: number): Promise<void> {
  const breakerDir = `${lockDir}.break`;
  const breaker = newOwner();
  if (!(await tryTake(fs, breakerDir, breaker))) {
    const other = await readOwner(fs, breakerDir);
    if (await isStale(fs, breakerDir, other, BREAKER_STALE_MS)) await fs.rmrf(breakerDir).catch(() => undefined);
    else await new Promise((r) => setTimeout(r, 5));
    return;
  }
  try {
    const now = await readOwner(fs, lockDir);
    const same = stale ? now?.token === stale.token : now === undefined;
    if (same && (await isStale(fs, lockDir, now, staleMs))) {
      const away = `${lockDir}.stale-${randomBytes(6).toString("hex")}`;
      await fs.rename(lockDir, away).then(
        () => fs.rmrf(away),
        () => undefined,
      );
    }
  } finally {
    await release(fs, breakerDir, breaker);
  }
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
  // On this host the owner's liveness is the whole answer (for this very process: whether the call
  // that took it still runs, since a failed release leaves it behind); elsewhere only its age is known.
  if (holder && holder.host === hostname()) return holder.pid === process.pid ? !held.has(holder.token) : !processAlive(holder.pid);
  try {
    return Date.now() - (await fs.lstat(lockDir)).mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next mkdir will tell
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
