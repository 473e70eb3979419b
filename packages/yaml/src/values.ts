/**
 * The value model every package shares: what a Kubernetes manifest is after kustomize reads it
 * and round-trips it through JSON. Map keys are always strings; integers that a JS number cannot
 * hold exactly are `bigint`, so that `12345678901234567890` survives unchanged.
 */
export type YamlScalar = string | number | bigint | boolean | null;
export type YamlValue = YamlScalar | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

export function isMap(v: unknown): v is YamlMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Sets `key` as an own, enumerable property even when it is `__proto__` (a legal YAML key). */
export function setEntry(m: YamlMap, key: string, value: YamlValue): void {
  if (key === "__proto__") Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  else m[key] = value;
}

/**
 * Structural equality of two values as their JSON forms compare: numbers by value whether
 * `number` or `bigint`, map keys in any order; NaN equals NaN (the same `.nan` text).
 */
export function valuesEqual(a: YamlValue | undefined, b: YamlValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === "bigint" || typeof b === "bigint") {
    return (typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number") && Number(a) === Number(b);
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], b[k]));
  }
  return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
}

/**
 * Calls `visit` with every map and list of `from` and its counterpart in `to`, a structural
 * copy of it (side tables keyed by those objects are carried over this way).
 */
export function forEachCopiedNode(from: YamlValue, to: YamlValue, visit: (from: object, to: object) => void): void {
  if (from === null || typeof from !== "object" || to === null || typeof to !== "object") return;
  if (Array.isArray(from) !== Array.isArray(to)) return;
  visit(from, to);
  if (Array.isArray(from)) {
    for (let i = 0; i < from.length; i++) forEachCopiedNode(from[i]!, (to as YamlValue[])[i]!, visit);
    return;
  }
  for (const k of Object.keys(from)) {
    const f = from[k]!;
    if (f !== null && typeof f === "object") forEachCopiedNode(f, (to as YamlMap)[k]!, visit);
  }
}
