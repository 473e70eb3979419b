// A small in-process driver for the transformer tests: it reads a tree of kustomizations with
// only resources and configurations (no generators), runs the build's own transformer step
// (`runTransformers`, so the order is the real one) in each, and resolves name references.
// With KFR_KUBECTL=1 the same tree is also built by kubectl, so every embedded expectation is
// checked against the oracle.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMap, parseAllDocuments, type YamlValue } from "@kfrender/yaml";
import { expect, it } from "vitest";
import { MemoryFileSystem, ResMap, resourcesFromText } from "@kfrender/kustomize";
import { emptyTransformerConfig, makeTransformerConfig, mergeTransformerConfig } from "../src/fieldspecs/index.js";
import type { Accumulator } from "../src/build/accumulator.js";
import { runTransformers } from "../src/build/run-transformers.js";
import { createLoader, type FileLoader } from "../src/loader/file-loader.js";
import { OpenApiSelection } from "../src/openapi/index.js";
import { resolveNameReferences } from "../src/transformers/index.js";
import type { Kustomization } from "../src/types/kustomization.js";
import type { Tree } from "./support/kustomize-tree.js";

export type { Tree };

function readKustomization(loader: FileLoader): Kustomization {
  const [doc] = parseAllDocuments(loader.readFile("kustomization.yaml"));
  return (doc ?? {}) as Kustomization;
}

function accumulate(loader: FileLoader): Accumulator {
  const kust = readKustomization(loader);
  const acc: Accumulator = { resMap: new ResMap(), config: emptyTransformerConfig(), vars: [] };
  for (const entry of kust.resources ?? []) {
    const abs = path.posix.resolve(loader.root, entry);
    if (loader.fs.isDirectory(abs)) {
      const child = accumulate(loader.child(entry));
      acc.resMap.appendAll(child.resMap);
      acc.config = mergeTransformerConfig(acc.config, child.config);
    } else {
      for (const r of resourcesFromText(loader.readFile(entry), abs)) acc.resMap.append(r);
    }
  }
  acc.config = mergeTransformerConfig(acc.config, makeTransformerConfig(loader, kust.configurations ?? [], kust.crds ?? []));
  runTransformers({ warnings: [], openapi: new OpenApiSelection() }, acc, loader, kust);
  return acc;
}

/** Builds `dir` (default the tree's root) of the tree in process; returns the output objects. */
export function build(tree: Tree, dir = "."): YamlValue[] {
  const files: Record<string, string> = {};
  for (const [p, c] of Object.entries(tree)) files[path.posix.join("/t", p)] = c;
  const loader = createLoader(new MemoryFileSystem(files), path.posix.join("/t", dir));
  const acc = accumulate(loader);
  resolveNameReferences(acc.resMap, acc.config);
  return acc.resMap.resources().map((r) => r.obj);
}

/** What `kubectl kustomize` prints for the tree, or its error (stderr) when it fails. */
export function kubectl(tree: Tree, dir = "."): { out: string; err?: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kfr-transformers-"));
  try {
    for (const [p, c] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), c);
    }
    try {
      const out = execFileSync("kubectl", ["kustomize", path.join(root, dir)], { encoding: "utf8", stdio: "pipe" });
      return { out };
    } catch (e) {
      return { out: "", err: String((e as { stderr?: string }).stderr ?? e) };
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export const CHECK_KUBECTL = process.env.KFR_KUBECTL === "1";

/** Output order is the sorter's business (tested elsewhere); compare documents in a canonical order. */
function canonical(docs: YamlValue[]): YamlValue[] {
  const key = (d: YamlValue) => {
    if (!isMap(d)) return "";
    const md = isMap(d.metadata) ? d.metadata : {};
    return JSON.stringify([d.apiVersion, d.kind, md.namespace ?? "", md.name ?? ""]);
  };
  return docs.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** kubectl's result for the tree when checking against it (KFR_KUBECTL=1), printed with KFR_PRINT=1. */
function oracle(tree: Tree, dir: string): { out: string; err?: string } | undefined {
  if (!CHECK_KUBECTL) return undefined;
  const k = kubectl(tree, dir);
  if (process.env.KFR_PRINT === "1") console.log(`----- kubectl:\n${k.out}${k.err ?? ""}`);
  return k;
}

/** The tree builds to exactly the documents of `expected` (a kubectl output), in order. */
export function expectBuild(tree: Tree, expected: string, dir = "."): void {
  const k = oracle(tree, dir);
  if (k) expect(parseAllDocuments(k.out)).toEqual(parseAllDocuments(expected));
  expect(canonical(build(tree, dir))).toEqual(canonical(parseAllDocuments(expected)));
}

/** The tree fails to build with a message containing `fragment` (kubectl's, when checked). */
export function expectBuildError(tree: Tree, fragment: string, dir = "."): void {
  const k = oracle(tree, dir);
  if (k) expect(k.err).toContain(fragment);
  expect(() => build(tree, dir)).toThrow(fragment);
}

/** A tree and what it must build to: `expected` documents, or an `error` message fragment. */
export type BuildCase = { name: string; tree: Tree } & ({ expected: string } | { error: string });

/** One test per case, named after it. */
export function buildCases(cases: BuildCase[]): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if ("error" in c) expectBuildError(c.tree, c.error);
    else expectBuild(c.tree, c.expected);
  });
}

/** A directory on disk as a Tree (relative paths). */
export function treeFromDisk(root: string): Tree {
  const out: Tree = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(root, abs)] = fs.readFileSync(abs, "utf8");
    }
  };
  walk(root);
  return out;
}

/** Indents a YAML block for embedding; lets cases be written with template literals. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values);
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

export function isYamlMap(v: unknown): boolean {
  return isMap(v);
}
