import * as fs from "node:fs";
import * as path from "node:path";
import { isBareNull, isMap, parseAllDocuments, parseYaml11, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../src/errors.js";
import { MemoryFileSystem } from "../src/fs/memory-fs.js";
import type { Loader } from "../src/loader/loader.js";
import { OpenApiSelection } from "../src/openapi/openapi-field.js";
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from "../src/patch/index.js";
import { resourcesFromText } from "../src/resource/read-resources.js";
import { ResMap } from "../src/resource/res-map.js";
import type { Kustomization } from "../src/types/kustomization.js";

/*
 * A small driver for the patch tests: it reads fixtures/patches/<case>/ into a MemoryFileSystem and
 * builds it with only the fields the patch cases use (resources, namePrefix, openapi and the three
 * patch fields, in kustomize's order). Expectations are kubectl's, in test/patch-expected/.
 */

export const REPO = path.resolve(__dirname, "..", "..", "..");
export const CASES = path.join(REPO, "fixtures", "patches");
export const EXPECTED = path.join(__dirname, "patch-expected");

export function caseNames(): string[] {
  return fs.readdirSync(CASES).filter((c) => fs.statSync(path.join(CASES, c)).isDirectory()).sort();
}

/** The case's files under /case in memory. */
export function caseFs(name: string): MemoryFileSystem {
  const mfs = new MemoryFileSystem();
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir)) {
      const abs = path.join(dir, e);
      if (fs.statSync(abs).isDirectory()) walk(abs, `${rel}/${e}`);
      else mfs.writeFile(`/case${rel}/${e}`, new Uint8Array(fs.readFileSync(abs)));
    }
  };
  walk(path.join(CASES, name), "");
  return mfs;
}

/** A minimal Loader rooted at `root` (no load restrictions). */
export function memoryLoader(mfs: MemoryFileSystem, root: string): Loader {
  const resolvePath = (rel: string) => path.posix.resolve(root, rel);
  return {
    fs: mfs,
    root,
    env: {},
    resolvePath,
    readFile: (rel) => read(() => mfs.readFile(resolvePath(rel)), resolvePath(rel)),
    readFileBytes: (rel) => read(() => mfs.readFileBytes(resolvePath(rel)), resolvePath(rel)),
  };
}

function read<T>(f: () => T, file: string): T {
  try {
    return f();
  } catch {
    throw new KustomizeError("FILE_NOT_FOUND", `open ${file}: no such file or directory`, file);
  }
}

function readKustomization(mfs: MemoryFileSystem, dir: string): Kustomization {
  return parseYaml11(mfs.readFile(`${dir}/kustomization.yaml`)) as Kustomization;
}

function accumulate(mfs: MemoryFileSystem, dir: string, selection: OpenApiSelection, root: boolean): ResMap {
  const kust = readKustomization(mfs, dir);
  const loader = memoryLoader(mfs, dir);
  if (!root) selection.apply(kust.openapi, loader, false);
  const resMap = new ResMap();
  for (const entry of kust.resources ?? []) {
    const abs = loader.resolvePath(entry);
    const loaded = mfs.isDirectory(abs)
      ? accumulate(mfs, abs, selection, false).resources()
      : resourcesFromText(mfs.readFile(abs), abs);
    selection.noteResources(loaded);
    resMap.appendAll(loaded);
  }
  const options = { schema: () => selection.current(), isBareNull };
  if (kust.patchesStrategicMerge?.length) applyPatchesStrategicMerge(resMap, kust.patchesStrategicMerge, loader, options);
  if (kust.patches?.length) applyPatches(resMap, kust.patches, loader, options);
  if (kust.namePrefix) {
    for (const r of resMap.resources()) {
      r.storePreviousId();
      r.setName(kust.namePrefix + r.name);
    }
  }
  if (kust.patchesJson6902?.length) applyPatchesJson6902(resMap, kust.patchesJson6902, loader);
  return resMap;
}

/** Builds a case; returns its resources' objects. */
export function buildCase(name: string): { resMap: ResMap } {
  const mfs = caseFs(name);
  const buildDirFile = path.join(CASES, name, "build-dir");
  const dir = fs.existsSync(buildDirFile)
    ? path.posix.join("/case", fs.readFileSync(buildDirFile, "utf8").trim())
    : "/case";
  const selection = new OpenApiSelection();
  const kust = readKustomization(mfs, dir);
  selection.apply(kust.openapi, memoryLoader(mfs, dir), true);
  return { resMap: accumulate(mfs, dir, selection, true) };
}

export function expectedOutput(name: string): YamlValue[] | undefined {
  const file = path.join(EXPECTED, `${name}.yaml`);
  return fs.existsSync(file) ? parseAllDocuments(fs.readFileSync(file, "utf8")) : undefined;
}

export function expectedError(name: string): string | undefined {
  const file = path.join(EXPECTED, `${name}.error`);
  if (!fs.existsSync(file)) return undefined;
  // kubectl quotes the message Go-style and indents wrapped ones; undo both.
  return fs
    .readFileSync(file, "utf8")
    .replace(/\\\\/g, "\u0000")
    .replace(/\\"/g, '"')
    .replace(/\u0000/g, "\\")
    .replace(/^\t/gm, "");
}

/** Resources in a stable order (kind, namespace, name) for comparing with kubectl's sorted output. */
export function byId(values: YamlValue[]): YamlValue[] {
  const key = (v: YamlValue) => {
    const m = isMap(v) && isMap(v.metadata) ? v.metadata : {};
    return `${isMap(v) ? v.kind : ""}|${m.namespace ?? ""}|${m.name ?? ""}`;
  };
  return [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
