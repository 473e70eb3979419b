import * as fsp from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { Header } from "tar";
import { afterAll } from "vitest";
import { nodeFs, type SourcesFs } from "@kfrender/sources";

const made: string[] = [];

/** A fresh directory, removed when the test file is done. */
export async function tempDir(): Promise<string> {
  const d = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), "kfsources-")));
  made.push(d);
  return d;
}

afterAll(async () => {
  for (const d of made.splice(0)) await fsp.rm(d, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under `root`. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(dirname(join(root, rel)), { recursive: true });
    await fsp.writeFile(join(root, rel), content);
  }
}

/** Every file under `root` (relative path → content; symlinks as `-> target`), sorted. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const d of (await fsp.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, d.name);
      if (d.isDirectory()) await walk(p);
      else if (d.isSymbolicLink()) out[relative(root, p)] = `-> ${await fsp.readlink(p)}`;
      else out[relative(root, p)] = await fsp.readFile(p, "utf8");
    }
  };
  await walk(root);
  return out;
}

export async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

export interface RawEntry {
  path: string;
  type?: "File" | "Directory" | "SymbolicLink" | "Link" | "FIFO";
  linkpath?: string;
  body?: string;
}

/**
 * A tarball built header by header, so that tests can write entries no honest tar tool would
 * (absolute paths, `..`, links leading out). Gzipped unless `gzip` is false.
 */
export function rawTarball(entries: RawEntry[], gzip = true): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const e of entries) {
    const type = e.type ?? (e.path.endsWith("/") ? "Directory" : "File");
    const body = new TextEncoder().encode(e.body ?? "");
    const h = new Header({
      path: e.path,
      type,
      mode: type === "Directory" ? 0o755 : 0o644,
      size: type === "File" ? body.length : 0,
      mtime: new Date(1_600_000_000_000),
      uid: 0,
      gid: 0,
      ...(e.linkpath !== undefined ? { linkpath: e.linkpath } : {}),
    });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(new Uint8Array(block));
    if (type === "File" && body.length) {
      blocks.push(body, new Uint8Array((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(new Uint8Array(1024));
  const tar = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    tar.set(b, at);
    at += b.length;
  }
  // (Buffer and the ES2022 Uint8Array types disagree under this @types/node; stay with Uint8Array.)
  return gzip ? new Uint8Array(gzipSync(tar)) : tar;
}

/** A GitHub-style archive: every file under one top-level directory. */
export function githubArchive(top: string, files: Record<string, string>): Uint8Array {
  const entries: RawEntry[] = [{ path: `${top}/`, type: "Directory" }];
  const dirs = new Set<string>();
  for (const rel of Object.keys(files)) {
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) {
        dirs.add(d);
        entries.push({ path: `${top}/${d}/`, type: "Directory" });
      }
    }
    entries.push({ path: `${top}/${rel}`, body: files[rel]! });
  }
  return rawTarball(entries);
}

type Op = keyof SourcesFs;

/**
 * The real filesystem with faults: `fault(op, args, n)` is asked before every call (`n` counts
 * calls of that op) and may return an error to throw instead, or a delay in ms.
 */
export function faultyFs(fault: (op: Op, args: string[], n: number) => Error | number | undefined, base: SourcesFs = nodeFs): SourcesFs & { calls: Array<[Op, string[]]> } {
  const counts = new Map<Op, number>();
  const calls: Array<[Op, string[]]> = [];
  const wrapped = { calls } as SourcesFs & { calls: Array<[Op, string[]]> };
  for (const op of Object.keys(base) as Op[]) {
    (wrapped as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
      const n = (counts.get(op) ?? 0) + 1;
      counts.set(op, n);
      const strArgs = args.filter((a): a is string => typeof a === "string");
      calls.push([op, strArgs]);
      const f = fault(op, strArgs, n);
      if (typeof f === "number") await new Promise((r) => setTimeout(r, f));
      else if (f) throw f;
      return (base[op] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return wrapped;
}

export function errno(code: string, op: string, path: string): Error {
  const msgs: Record<string, string> = {
    EACCES: "permission denied",
    EIO: "i/o error",
    ENOSPC: "no space left on device",
  };
  return Object.assign(new Error(`${code}: ${msgs[code] ?? "error"}, ${op} '${path}'`), { code });
}

export interface TestServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 with an ephemeral port, for as long as the test needs it. */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
