import { isSelected, type GvkSelector } from "../fieldspecs/gvk-match.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import type { FieldSpec } from "../types/kustomization.js";
import { applyFieldSpecs, setScalar } from "./apply-field-specs.js";

/** Kinds kustomize never renames, judged by the resource's original id. */
const NEVER_RENAMED: readonly GvkSelector[] = [
  { kind: "CustomResourceDefinition" },
  { group: "apiregistration.k8s.io", kind: "APIService" },
  { kind: "Namespace" },
];

function neverRenamed(r: Resource): boolean {
  const id = r.orgId();
  return NEVER_RENAMED.some((sel) => isSelected(id, sel));
}

/**
 * One affix transformer (kustomize's PrefixTransformer or SuffixTransformer): for each field spec
 * selecting the resource's original gvk, a `metadata/name` spec records the affix and the
 * previous id, then the affix is added to the value at the spec's path.
 */
function applyAffix(resMap: ResMap, affix: string, specs: readonly FieldSpec[], side: "prefix" | "suffix"): void {
  const rename = setScalar((name) => (side === "prefix" ? affix + name : name + affix));
  for (const r of resMap.resources()) {
    if (neverRenamed(r)) continue;
    const id = r.orgId();
    for (const fs of specs) {
      if (!isSelected(id, fs)) continue;
      if (fs.path === "metadata/name" && affix !== "") {
        (side === "prefix" ? r.namePrefixes : r.nameSuffixes).push(affix);
        r.storePreviousId();
      }
      applyFieldSpecs(r, [fs], "scalar", rename);
    }
  }
}

export function applyNamePrefix(resMap: ResMap, prefix: string, config: TransformerConfig): void {
  if (prefix) applyAffix(resMap, prefix, config.namePrefix, "prefix");
}

export function applyNameSuffix(resMap: ResMap, suffix: string, config: TransformerConfig): void {
  if (suffix) applyAffix(resMap, suffix, config.nameSuffix, "suffix");
}

/**
 * A configured PrefixTransformer or SuffixTransformer (the `transformers:` field): unlike the
 * kustomization's own fields it runs even with an empty affix, writing each selected field back
 * as it was (kubectl's validators count that as a change).
 */
export function applyAffixTransformer(resMap: ResMap, affix: string, specs: readonly FieldSpec[], side: "prefix" | "suffix"): void {
  applyAffix(resMap, affix, specs, side);
}

/** `namePrefix` then `nameSuffix`, each only when set (kustomize runs them as two transformers). */
export function applyNamePrefixSuffix(resMap: ResMap, prefix: string, suffix: string, config: TransformerConfig): void {
  applyNamePrefix(resMap, prefix, config);
  applyNameSuffix(resMap, suffix, config);
}
