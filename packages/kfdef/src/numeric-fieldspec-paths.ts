// Spec §7.1: kfctl's kustomize v3 walked a field-spec path by map keys only, so a segment made of
// digits (`containers/0/env`) silently matched nothing; kustomize v5 reads it as a list index and
// fails on maps. Before building, such field-spec entries are removed from every configuration
// file the build will read, in the working copy.

import { posix } from "node:path";
import { type Document, type Node, type Pair, type YAMLMap, type YAMLSeq, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import { DecodeError, type Schema, decode, ghodssString } from "./go-decode.js";
import { GoYamlError, isGoMap, readFirstDocument, scalarValue } from "./go-yaml.js";
import type { WorkingCopy } from "./working-copy.js";

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const NESTED_FIELDS = ["resources", "bases", "components", "generators", "transformers", "validators"] as const;
const strList: Schema = { t: "list", of: { t: "string" } };
const REFERENCES: Schema = {
  t: "struct",
  fields: { configurations: strList, ...Object.fromEntries(NESTED_FIELDS.map((f) => [f, strList])) },
};

/** v3 FieldSpec.PathSlice: split at `/` not preceded by `\`; `\/` is a literal slash. */
export function pathSegments(path: string): string[] {
  return path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, "/"));
}

export function hasNumericSegment(path: string): boolean {
  return pathSegments(path).some((s) => /^[0-9]+$/.test(s));
}

/** Field-spec paths kept after §7.1, for a whole configuration file; undefined when unchanged. */
export function stripNumericPaths(text: string): string | undefined {
  const docs = parseAllDocuments(text, { schema: "failsafe", version: "1.1", uniqueKeys: false });
  const doc = (Array.isArray(docs) ? docs : [])[0] as Document | undefined;
  if (!doc || doc.errors.length || !isMap(doc.contents)) return undefined;
  let changed = false;
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  const keyIs = (p: Pair, name: string) => isScalar(p.key) && String(p.key.value).toLowerCase() === name.toLowerCase();
  const filterSeq = (seq: YAMLSeq) => {
    const kept = seq.items.filter((item) => !isNumericEntry(deref(item), deref));
    if (kept.length !== seq.items.length) {
      seq.items = kept;
      changed = true;
    }
  };
  for (const pair of (doc.contents as YAMLMap).items) {
    const value = deref(pair.value);
    if (!isSeq(value)) continue;
    if (keyIs(pair, "nameReference")) {
      for (const entry of value.items) {
        const m = deref(entry);
        if (!isMap(m)) continue;
        for (const p of m.items) {
          const specs = deref(p.value);
          if (keyIs(p, "fieldSpecs") && isSeq(specs)) filterSeq(specs);
        }
      }
    } else {
      filterSeq(value);
    }
  }
  return changed ? doc.toString({ lineWidth: 0 }) : undefined;
}

function isNumericEntry(entry: unknown, deref: (n: unknown) => unknown): boolean {
  if (!isMap(entry)) return false;
  const pairs = entry.items as Pair[];
  const exact = pairs.find((p) => isScalar(p.key) && p.key.value === "path");
  const pair = exact ?? pairs.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === "path");
  if (!pair) return false;
  const v = deref(pair.value) as Node | null;
  if (!isScalar(v)) return false;
  const go = scalarValue(v as { value: unknown; type?: string; tag?: string });
  if (go === null) return false;
  const text = ghodssString(go);
  return text !== undefined && hasNumericSegment(text);
}

/**
 * Walks the kustomizations a build of `root` reads (resources, bases, components, generators,
 * transformers, validators that are directories) and rewrites, in the working copy, every
 * configuration file that holds a field spec with a numeric path segment.
 */
export function stripNumericFieldSpecPaths(fs: WorkingCopy, root: string): string[] {
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const changed: string[] = [];
  const visit = (dir: string) => {
    let real: string;
    try {
      real = fs.realPath(dir);
    } catch {
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const kfile = KUSTOMIZATION_FILES.map((f) => posix.join(real, f)).find((f) => fs.exists(f) && !fs.isDirectory(f));
    if (!kfile) return;
    let refs: Record<string, string[] | undefined>;
    try {
      const doc = readFirstDocument(fs.readFile(kfile));
      if (doc !== null && !isGoMap(doc)) return;
      refs = decode(doc, REFERENCES) as Record<string, string[] | undefined>;
    } catch (e) {
      if (e instanceof GoYamlError || e instanceof DecodeError) return;
      throw e;
    }
    for (const c of refs.configurations ?? []) {
      const file = posix.resolve(real, c);
      if (!fs.exists(file) || fs.isDirectory(file)) continue;
      const key = fs.realPath(file);
      if (seenFiles.has(key)) continue;
      seenFiles.add(key);
      const out = stripNumericPaths(fs.readFile(key));
      if (out !== undefined) {
        fs.writeFile(key, out);
        changed.push(key);
      }
    }
    for (const field of NESTED_FIELDS) {
      for (const entry of refs[field] ?? []) {
        const p = posix.resolve(real, entry);
        if (fs.isDirectory(p)) visit(p);
      }
    }
  };
  visit(root);
  return changed;
}
