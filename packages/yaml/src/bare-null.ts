import { copyScalarTagsOf, hasScalarTags } from "./scalar-tags.js";
import { forEachCopiedNode, type YamlMap, type YamlValue } from "./values.js";

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
  const bareMarks = recorded;
  const scalarTags = hasScalarTags();
  if (bareMarks || scalarTags) {
    // One walk for both side tables.
    forEachCopiedNode(v, copy, (from, to) => {
      if (bareMarks) copyBareMarksOf(from, to);
      if (scalarTags) copyScalarTagsOf(from, to);
    });
  }
  return copy;
}

function copyBareMarksOf(from: object, to: object): void {
  const keys = bare.get(from as YamlMap);
  if (keys) bare.set(to as YamlMap, new Map(keys));
}
