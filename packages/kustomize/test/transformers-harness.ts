// A small in-process driver for the transformer tests: it reads a tree of kustomizations with
// only the fields this area implements (resources, configurations, namespace, namePrefix,
// nameSuffix, labels, commonLabels, commonAnnotations, replicas, images), runs the transformers
// in kustomize's order, resolves name references, and sorts like `kubectl kustomize`.
// With KFR_KUBECTL=1 the same tree is also built by kubectl, so every embedded expectation is
// checked against the oracle.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMap, parseAllDocuments, type YamlValue } from "@kfrender/yaml";
import { expect } from "vitest";
import { MemoryFileSystem, ResMap, resourcesFromText } from "@kfrender/kustomize";
import { emptyTransformerConfig, makeTransformerConfig, mergeTransformerConfig } from "../src/fieldspecs/index.js";
import type { TransformerConfig } from "../src/fieldspecs/transformer-config.js";
import { createLoader, type FileLoader } from "../src/loader/file-loader.js";
import {
  applyCommonAnnotations,
  applyCommonLabels,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplicas,
  resolveNameReferences,
} from "../src/transformers/index.js";
import type { Kustomization } from "../src/types/kustomization.js";

export type Tree = Record<string, string>;

interface Acc {
  resMap: ResMap;
  config: TransformerConfig;
}

function readKustomization(loader: FileLoader): Kustomization {
  const [doc] = parseAllDocuments(loader.readFile("kustomization.yaml"));
  return (doc ?? {}) as Kustomization;
}

function accumulate(loader: FileLoader): Acc {
  const kust = readKustomization(loader);
  const acc: Acc = { resMap: new ResMap(), config: emptyTransformerConfig() };
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
  const { resMap, config } = acc;
  if (kust.namespace) applyNamespace(resMap, kust.namespace, config);
  applyNamePrefixSuffix(resMap, kust.namePrefix ?? "", kust.nameSuffix ?? "", config);
  if (kust.labels) applyLabels(resMap, kust.labels, config);
  if (kust.commonLabels) applyCommonLabels(resMap, kust.commonLabels, config);
  if (kust.commonAnnotations) applyCommonAnnotations(resMap, kust.commonAnnotations, config);
  if (kust.replicas) applyReplicas(resMap, kust.replicas, config);
  if (kust.images) applyImages(resMap, kust.images, config);
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

/** The tree builds to exactly the documents of `expected` (a kubectl output), in order. */
export function expectBuild(tree: Tree, expected: string, dir = "."): void {
  if (CHECK_KUBECTL) {
    const k = kubectl(tree, dir);
    if (process.env.KFR_PRINT === "1") console.log(`----- kubectl:\n${k.out}${k.err ?? ""}`);
    expect(parseAllDocuments(k.out)).toEqual(parseAllDocuments(expected));
  }
  expect(canonical(build(tree, dir))).toEqual(canonical(parseAllDocuments(expected)));
}

/** The tree fails to build with a message containing `fragment` (kubectl's, when checked). */
export function expectBuildError(tree: Tree, fragment: string, dir = "."): void {
  if (CHECK_KUBECTL) {
    const k = kubectl(tree, dir);
    if (process.env.KFR_PRINT === "1") console.log(`----- kubectl:\n${k.out}${k.err ?? ""}`);
    expect(k.err).toContain(fragment);
  }
  expect(() => build(tree, dir)).toThrow(fragment);
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
