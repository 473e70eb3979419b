import * as fs from "node:fs";
import * as path from "node:path";
import { MemoryFileSystem } from "@kfrender/kustomize";

/**
 * A copy of a disk tree that keeps the tree's symlinks meaningful: a link is copied as what it
 * points to (file content or directory), and `realPath` asks the disk, so the load restrictor
 * sees where a link really leads, as it does on disk.
 */
class MirroredFileSystem extends MemoryFileSystem {
  override realPath(p: string): string {
    return fs.realpathSync.native(p);
  }
}

/**
 * Copies a directory tree into a MemoryFileSystem at the same absolute paths, so a fixture builds
 * in-process exactly as the engine sees an in-memory tree. Files named in `skip` are left out;
 * dangling symlinks too.
 */
export function memoryFromDisk(root: string, skip: (rel: string) => boolean = () => false): MemoryFileSystem {
  const mfs = new MirroredFileSystem();
  const walk = (dir: string) => {
    mfs.addDir(dir);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (skip(path.relative(root, abs))) continue;
      const stat = entry.isSymbolicLink() ? fs.statSync(abs, { throwIfNoEntry: false }) : entry;
      if (stat?.isDirectory()) walk(abs);
      else if (stat?.isFile()) mfs.writeFile(abs, fs.readFileSync(abs));
    }
  };
  walk(root);
  return mfs;
}
