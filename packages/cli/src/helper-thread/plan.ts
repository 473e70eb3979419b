import * as fs from "node:fs";
import { posix } from "node:path";
import { isMap, parseYaml11, type YamlValue } from "@kfrender/yaml";

const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/**
 * The resource files a build of `root` will read, in the order it reads them: each
 * kustomization's `resources` (then `bases`), directories depth first, then its `components`.
 * Paths are keyed as the engine resolves them. A guess made ahead of the build: anything it
 * misses or gets wrong only means the build reads that file itself, so errors are ignored here.
 */
export function planResourceFiles(root: string, restrictorNone: boolean): string[] {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const visitDir = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync.native(dir);
    } catch {
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const k = readKustomization(real);
    if (!k) return;
    for (const entry of [...strings(k.resources), ...strings(k.bases)]) visitEntry(real, entry);
    for (const entry of strings(k.components)) visitDir(posix.resolve(real, entry));
  };

  const visitEntry = (dir: string, entry: string): void => {
    if (/^[a-z]+:\/\//.test(entry) || entry.startsWith("git@")) return;
    const abs = posix.resolve(dir, entry);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) return visitDir(abs);
    let key = abs;
    if (!restrictorNone) {
      try {
        key = posix.join(fs.realpathSync.native(posix.dirname(abs)), posix.basename(abs));
      } catch {
        return;
      }
    }
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    files.push(key);
  };

  visitDir(root);
  return files;
}

function readKustomization(dir: string): Record<string, YamlValue> | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    let text: string;
    try {
      text = fs.readFileSync(posix.join(dir, name), "utf8");
    } catch {
      continue;
    }
    try {
      const v = parseYaml11(text);
      return isMap(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function strings(v: YamlValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
