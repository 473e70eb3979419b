import * as fs from "node:fs";
import * as path from "node:path";
import { MemoryFileSystem } from "@kfrender/kustomize";

/**
 * Copies a directory tree into a MemoryFileSystem at the same absolute paths, so a fixture builds
 * in-process exactly as the engine sees an in-memory tree. Files named in `skip` are left out.
 */
export function memoryFromDisk(root: string, skip: (rel: string) => boolean = () => false): MemoryFileSystem {
  const mfs = new MemoryFileSystem();
  const walk = (dir: string) => {
    mfs.addDir(dir);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (skip(path.relative(root, abs))) continue;
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile()) mfs.writeFile(abs, fs.readFileSync(abs));
    }
  };
  walk(root);
  return mfs;
}
