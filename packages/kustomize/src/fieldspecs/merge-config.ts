import { KustomizeError } from "../errors.js";
import type { FieldSpec } from "../types/kustomization.js";
import { compareGvk, isSelected, sameGvk } from "./gvk-match.js";
import type { NameBackReference, TransformerConfig } from "./transformer-config.js";

/** The field-spec tables of a TransformerConfig (everything but nameReference). */
export const FIELD_SPEC_TABLES = [
  "namePrefix",
  "nameSuffix",
  "namespace",
  "commonLabels",
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
 * entry already present); if their `create` flags differ that is an error.
 */
export function mergeFieldSpec(into: FieldSpec[], x: FieldSpec): FieldSpec[] {
  const existing = into.find((s) => s.path === x.path && isSelected(s, x));
  if (existing) {
    if (!!existing.create !== !!x.create) {
      throw new KustomizeError("INVALID_KUSTOMIZATION", "conflicting fieldspecs");
    }
    return into;
  }
  return [...into, x];
}

export function mergeFieldSpecs(into: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  let out = into.slice();
  for (const x of incoming) out = mergeFieldSpec(out, x);
  return out;
}

/** Stable sort by kustomize's gvk order (kustomize's own sort is unstable; ties are rare and inert). */
export function sortFieldSpecs<T extends FieldSpec | NameBackReference>(list: readonly T[]): T[] {
  return list.slice().sort(compareGvk);
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
