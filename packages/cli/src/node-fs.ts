import * as fs from "node:fs";
import type { FileSystem } from "@kfrender/kustomize";

/** The engine's FileSystem over the real disk (read-only). */
export class NodeFileSystem implements FileSystem {
  readFile(path: string): string {
    return fs.readFileSync(path, "utf8");
  }
  readFileBytes(path: string): Uint8Array {
    return fs.readFileSync(path);
  }
  exists(path: string): boolean {
    return fs.existsSync(path);
  }
  isDirectory(path: string): boolean {
    try {
      return fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }
  readDir(path: string): string[] {
    return fs.readdirSync(path).sort();
  }
  realPath(path: string): string {
    // One realpath(3) call rather than Node's lstat of every path component.
    return fs.realpathSync.native(path);
  }
}
