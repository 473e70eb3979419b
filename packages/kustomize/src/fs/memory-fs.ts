import { posix } from "node:path";
import type { FileSystem } from "./file-system.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * An in-memory tree. Directories are implied by the files under them; `addDir` records empty ones.
 * Optionally layered over another FileSystem: writes land here, reads fall through (copy-on-write).
 */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(["/"]);

  constructor(files: Record<string, string | Uint8Array> = {}, private readonly lower?: FileSystem) {
    for (const [p, c] of Object.entries(files)) this.writeFile(p, c);
  }

  writeFile(path: string, content: string | Uint8Array): void {
    const p = posix.resolve("/", path);
    this.files.set(p, typeof content === "string" ? encoder.encode(content) : content);
    for (let d = posix.dirname(p); !this.dirs.has(d); d = posix.dirname(d)) this.dirs.add(d);
  }

  addDir(path: string): void {
    const p = posix.resolve("/", path);
    for (let d = p; !this.dirs.has(d); d = posix.dirname(d)) this.dirs.add(d);
  }

  readFileBytes(path: string): Uint8Array {
    const own = this.files.get(path);
    if (own) return own;
    if (this.lower && !this.dirs.has(path)) return this.lower.readFileBytes(path);
    throw Object.assign(new Error(`no such file: ${path}`), { code: "ENOENT" });
  }

  readFile(path: string): string {
    return decoder.decode(this.readFileBytes(path));
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.dirs.has(path) || (this.lower?.exists(path) ?? false);
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(path) || (!this.files.has(path) && (this.lower?.isDirectory(path) ?? false));
  }

  readDir(path: string): string[] {
    const names = new Set<string>(this.lower?.isDirectory(path) ? this.lower.readDir(path) : []);
    const prefix = path.endsWith("/") ? path : path + "/";
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split("/")[0]!);
    }
    return [...names].sort();
  }

  realPath(path: string): string {
    if (this.files.has(path) || this.dirs.has(path)) return path;
    if (this.lower) return this.lower.realPath(path);
    throw Object.assign(new Error(`no such file or directory: ${path}`), { code: "ENOENT" });
  }
}
