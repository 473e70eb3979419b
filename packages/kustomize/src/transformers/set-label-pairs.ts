import type { ResMap } from "../resource/res-map.js";
import type { FieldSpec } from "../types/kustomization.js";
import { applyFieldSpecs, setMapEntry } from "./apply-field-specs.js";

/** Go's sort.Strings order (byte-wise UTF-8, i.e. code point order), which decides the order keys are applied in. */
export function goSortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Sets each key/value pair in the maps the field specs select (creating them where a spec says
 * `create`): the core of the labels, commonLabels and commonAnnotations transformers.
 */
export function setPairsAtFieldSpecs(resMap: ResMap, pairs: Record<string, unknown>, specs: readonly FieldSpec[]): void {
  const keys = goSortedKeys(pairs);
  if (keys.length === 0) return;
  const values = keys.map((k) => pairValue(pairs[k]));
  for (const r of resMap.resources()) {
    for (let i = 0; i < keys.length; i++) {
      applyFieldSpecs(r, specs, "map", setMapEntry(keys[i]!, values[i]!));
    }
  }
}

function pairValue(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
