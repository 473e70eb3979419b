// kfctl worked on files: it copied each repository into APPDIR/.cache/<name>, copied each
// application into APPDIR/kustomize/<name>, and edited params.env and kustomization.yaml there.
// A renderer does the same on this view: repositories are mounted read-only at their cache paths,
// every write lands in memory (MemoryFileSystem over the mounts), the disk is never touched.

import { posix } from "node:path";
import { type FileSystem, MemoryFileSystem } from "@kfrender/kustomize";

function enoent(path: string): Error {
  return Object.assign(new Error(`no such file or directory: ${path}`), { code: "ENOENT" });
}

/** Read-only directories of another FileSystem shown at other (virtual) paths. */
export class MountFileSystem implements FileSystem {
  /** Longest virtual path first, so nested mounts win. */
  private mounts: { at: string; lower: FileSystem; dir: string }[] = [];

  mount(at: string, lower: FileSystem, dir: string): void {
    this.mounts.push({ at: posix.resolve("/", at), lower, dir: posix.resolve("/", dir) });
    this.mounts.sort((a, b) => b.at.length - a.at.length);
  }

  private find(path: string): { lower: FileSystem; real: string; m: { at: string; dir: string } } | undefined {
    for (const m of this.mounts) {
      if (path === m.at) return { lower: m.lower, real: m.dir, m };
      if (path.startsWith(m.at === "/" ? "/" : m.at + "/")) {
        return { lower: m.lower, real: posix.join(m.dir, path.slice(m.at.length)), m };
      }
    }
    return undefined;
  }

  /** Directories above a mount point exist (they hold the mount). */
  private isAncestor(path: string): boolean {
    const prefix = path === "/" ? "/" : path + "/";
    return this.mounts.some((m) => m.at.startsWith(prefix));
  }

  readFile(path: string): string {
    const f = this.find(path);
    if (!f) throw enoent(path);
    return f.lower.readFile(f.real);
  }

  readFileBytes(path: string): Uint8Array {
    const f = this.find(path);
    if (!f) throw enoent(path);
    return f.lower.readFileBytes(f.real);
  }

  exists(path: string): boolean {
    const f = this.find(path);
    return f ? f.lower.exists(f.real) : this.isAncestor(path);
  }

  isDirectory(path: string): boolean {
    const f = this.find(path);
    return f ? f.lower.isDirectory(f.real) : this.isAncestor(path);
  }

  readDir(path: string): string[] {
    const names = new Set<string>();
    const f = this.find(path);
    if (f && f.lower.isDirectory(f.real)) for (const n of f.lower.readDir(f.real)) names.add(n);
    const prefix = path === "/" ? "/" : path + "/";
    for (const m of this.mounts) if (m.at.startsWith(prefix)) names.add(m.at.slice(prefix.length).split("/")[0]!);
    if (!f && names.size === 0) throw enoent(path);
    return [...names].sort();
  }

  /** Symlinks resolved inside the mounted directory map back to the view; others stay as they are. */
  realPath(path: string): string {
    const f = this.find(path);
    if (!f) {
      if (this.isAncestor(path)) return path;
      throw enoent(path);
    }
    const real = f.lower.realPath(f.real);
    const root = f.lower.realPath(f.m.dir);
    if (real === root) return f.m.at;
    if (real.startsWith(root === "/" ? "/" : root + "/")) return posix.join(f.m.at, real.slice(root.length));
    return path;
  }
}

/** The writable, in-memory working copy over mounted repositories. */
export class WorkingCopy extends MemoryFileSystem {
  readonly mounts: MountFileSystem;

  constructor(mounts = new MountFileSystem()) {
    super({}, mounts);
    this.mounts = mounts;
  }

  /** Recursive copy of `from` into `to`, over whatever `to` already holds (kfctl's copy.Copy). */
  copyTree(from: string, to: string): void {
    this.addDir(to);
    for (const name of this.readDir(from)) {
      const src = posix.join(from, name);
      const dst = posix.join(to, name);
      if (this.isDirectory(src)) this.copyTree(src, dst);
      else this.writeFile(dst, this.readFileBytes(src));
    }
  }
}
