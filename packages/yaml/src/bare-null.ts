import { copyScalarTags } from "./scalar-tags.js";
import type { YamlMap, YamlValue } from "./values.js";

/*
 * Keys written with no value at all (`key:`, `key: # note`, `key: !!null`, and in resources'
 * flow maps `{key: }`). They read as null like an explicit `null`/`~` (in a flow map kyaml reads
 * them as ""), but kyaml drops them from a target a strategic merge patch walks, so the difference
 * is kept on the side, with the value read: only maps that hold such a key are ever recorded,
 * and ordinary values cost nothing.
 */
const bare = new WeakMap<YamlMap, Map<string, null | "">>();
let recorded = false;

export function markBareNull(map: YamlMap, key: string, value: null | "" = null): void {
  const keys = bare.get(map);
  if (keys) keys.set(key, value);
  else bare.set(map, new Map([[key, value]]));
  recorded = true;
}

/** Whether `map[key]` was read from a key written with no value (and still holds what was read). */
export function isBareNull(map: YamlMap, key: string): boolean {
  if (!recorded) return false;
  const keys = bare.get(map);
  return keys !== undefined && keys.has(key) && map[key] === keys.get(key);
}

/**
 * A deep copy of `v` (as structuredClone) that keeps the bare-null marks of its maps and the
 * tags its scalars lost as values (scalar-tags.ts). Walks the copy only when some document had either.
 */
export function cloneYaml<T extends YamlValue>(v: T): T {
  const copy = structuredClone(v);
  if (recorded) copyMarks(v, copy);
  copyScalarTags(v, copy);
  return copy;
}

function copyMarks(from: YamlValue, to: YamlValue): void {
  if (from === null || typeof from !== "object" || to === null || typeof to !== "object") return;
  if (Array.isArray(from)) {
    if (!Array.isArray(to)) return;
    for (let i = 0; i < from.length; i++) copyMarks(from[i]!, to[i]!);
    return;
  }
  if (Array.isArray(to)) return;
  const keys = bare.get(from);
  if (keys) bare.set(to, new Map(keys));
  for (const k of Object.keys(from)) {
    const f = from[k]!;
    if (f !== null && typeof f === "object") copyMarks(f, to[k]!);
  }
}
