import { KustomizeError } from "../errors.js";
import type { FieldSpec } from "../types/kustomization.js";
import { gvkRank, gvkSortString, isSelected, sameGvk } from "./gvk-match.js";
import type { NameBackReference, TransformerConfig } from "./transformer-config.js";

/** The field-spec tables of a TransformerConfig (everything but nameReference). */
export const FIELD_SPEC_TABLES = [
  "namePrefix",
  "nameSuffix",
  "namespace",
  "commonLabels",
  "labels",
  "templateLabels",
  "commonAnnotations",
  "varReference",
  "images",
  "replicas",
] as const satisfies readonly (keyof TransformerConfig)[];

export function emptyTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    labels: [],
    templateLabels: [],
    commonAnnotations: [],
    images: [],
    replicas: [],
    nameReference: [],
    varReference: [],
  };
}

/**
 * kustomize's FsSlice.MergeOne: an incoming spec is dropped when an existing one with the same
 * path is selected by the incoming spec's gvk (so a wildcard is swallowed by a more specific
 * entry already present); if their `create` flags differ that is an error. Always a new array.
 */
export function mergeFieldSpec(into: readonly FieldSpec[], x: FieldSpec): FieldSpec[] {
  return mergeFieldSpecs(into, [x]);
}

export function mergeFieldSpecs(into: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  const out = into.slice();
  if (incoming.length === 0) return out;
  // Specs by path, in table order: the first one selected by the incoming gvk decides.
  const byPath = new Map<string, FieldSpec[]>();
  const index = (x: FieldSpec) => {
    const same = byPath.get(x.path);
    if (same) same.push(x);
    else byPath.set(x.path, [x]);
  };
  for (let i = 0; i < out.length; i++) index(out[i]!);
  for (let i = 0; i < incoming.length; i++) {
    const x = incoming[i]!;
    const existing = byPath.get(x.path)?.find((s) => isSelected(s, x));
    if (!existing) {
      out.push(x);
      index(x);
    } else if (!!existing.create !== !!x.create) throw new KustomizeError("INVALID_KUSTOMIZATION", "conflicting fieldspecs");
  }
  return out;
}

/** Stable sort by kustomize's gvk order (kustomize's own sort is unstable; ties are rare and inert). */
export function sortFieldSpecs<T extends FieldSpec | NameBackReference>(list: readonly T[]): T[] {
  if (list.length < 2) return list.slice();
  // Each gvk's sort key is computed once, not in every comparison.
  const keyed = list.map((x, i) => ({ x, i, rank: gvkRank(x), key: gvkSortString(x) }));
  keyed.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return keyed.map((k) => k.x);
}

function mergeBackRefs(into: readonly NameBackReference[], incoming: readonly NameBackReference[]): NameBackReference[] {
  let out = into.slice();
  for (const other of incoming) {
    let found = false;
    out = out.map((c) => {
      if (!sameGvk(c, other)) return c;
      found = true;
      return { ...c, fieldSpecs: mergeFieldSpecs(c.fieldSpecs, other.fieldSpecs) };
    });
    if (!found) out.push(other);
  }
  return out;
}

const TABLE_NAMES: Record<(typeof FIELD_SPEC_TABLES)[number], string> = {
  namePrefix: "NamePrefix",
  nameSuffix: "NameSuffix",
  namespace: "NameSpace",
  commonLabels: "CommonLabels",
  labels: "Labels",
  templateLabels: "TemplateLabels",
  commonAnnotations: "CommonAnnotations",
  varReference: "VarReference",
  images: "Images",
  replicas: "Replicas",
};

/**
 * kustomize's TransformerConfig.Merge: each table of `b` merged into `a` (see mergeFieldSpec),
 * back-references with equal gvk combined, then every table sorted. Neither input is changed.
 */
export function mergeTransformerConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  // Every kustomization merges the same built-in tables into its bases' (usually identical)
  // tables: merged configs are frozen, so a merge of the same two objects is reused.
  let byB = merges.get(a);
  const known = byB?.get(b);
  if (known) return known;
  let merged = mergeConfigs(a, b);
  // A merge only adds: when nothing was added to an already merged (sorted, de-duplicated)
  // config, the result is that config, and keeping its identity lets the next merge hit the cache.
  if (normalized.has(a) && sameSize(merged, a)) merged = a;
  else if (isEmpty(a) && normalized.has(b) && sameSize(merged, b)) merged = b;
  else normalized.add(freezeConfig(merged));
  if (!byB) merges.set(a, (byB = new WeakMap()));
  byB.set(b, merged);
  return merged;
}

const merges = new WeakMap<TransformerConfig, WeakMap<TransformerConfig, TransformerConfig>>();
const normalized = new WeakSet<TransformerConfig>();

function sameSize(x: TransformerConfig, y: TransformerConfig): boolean {
  for (const t of FIELD_SPEC_TABLES) if (x[t].length !== y[t].length) return false;
  if (x.nameReference.length !== y.nameReference.length) return false;
  for (let i = 0; i < x.nameReference.length; i++) {
    if (x.nameReference[i]!.fieldSpecs.length !== y.nameReference[i]!.fieldSpecs.length) return false;
  }
  return true;
}

function isEmpty(c: TransformerConfig): boolean {
  for (const t of FIELD_SPEC_TABLES) if (c[t].length !== 0) return false;
  return c.nameReference.length === 0;
}

/** Freezes a config's tables in place (shallowly: the specs themselves are never changed). */
export function freezeConfig(c: TransformerConfig): TransformerConfig {
  for (const t of FIELD_SPEC_TABLES) Object.freeze(c[t]);
  Object.freeze(c.nameReference);
  for (const b of c.nameReference) Object.freeze(b.fieldSpecs);
  return Object.freeze(c);
}

function mergeConfigs(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const merged = emptyTransformerConfig();
  for (const t of FIELD_SPEC_TABLES) {
    try {
      merged[t] = sortFieldSpecs(mergeFieldSpecs(a[t], b[t]));
    } catch (e) {
      if (e instanceof KustomizeError) {
        throw new KustomizeError(e.code, `failed to merge ${TABLE_NAMES[t]} fieldSpec: ${e.message}`, e.file);
      }
      throw e;
    }
  }
  try {
    merged.nameReference = sortFieldSpecs(mergeBackRefs(a.nameReference, b.nameReference));
  } catch (e) {
    if (e instanceof KustomizeError) {
      throw new KustomizeError(e.code, `failed to merge NameReference fieldSpec: ${e.message}`, e.file);
    }
    throw e;
  }
  return merged;
}
