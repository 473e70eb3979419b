import { resolveV3 } from "./resolve.js";
import type { YamlValue } from "./values.js";

/*
 * go-yaml nodes keep their scalar's tag, and kustomize's replacements copy only text into a
 * scalar target, which is later decoded under the target's tag: an !!int target refuses `1.5`,
 * a !!float one takes it. Values here are plain numbers, so a float written with an integral
 * value (`1.0`, `1e3`, `!!float 7`) would pass for an int. Its tag is kept on the side, keyed by
 * the map or list holding it, with the value read: a mark holds only while the field still holds
 * that value, so a field overwritten by other means is judged by its new value.
 */
type Container = object;
type Key = string | number;

const FLOAT_MARK = /[.eE]/;
const marks = new WeakMap<Container, Map<Key, number>>();
let recorded = false;

/** Whether a scalar typed as `value` from `text` (with `tag`, if any) was a float with an integral value. */
export function isIntegralFloat(value: YamlValue, text: string, tag: string | undefined): boolean {
  if (typeof value !== "number" || !Number.isInteger(value)) return false;
  if (tag !== undefined) return tag === "!!float";
  // Only a point or an exponent makes a float of integral value (most numbers have neither).
  return FLOAT_MARK.test(text) && resolveV3(text).t === "float";
}

/** Records (or, with `float` false, forgets) that `container[key]`, a number, is tagged !!float. */
export function setFloatTag(container: Container, key: Key, float: boolean): void {
  const value = (container as Record<Key, YamlValue>)[key];
  if (float && typeof value === "number") {
    let keys = marks.get(container);
    if (keys === undefined) marks.set(container, (keys = new Map()));
    keys.set(key, value);
    recorded = true;
  } else if (recorded) {
    marks.get(container)?.delete(key);
  }
}

/** Whether the number at `container[key]` is tagged !!float (any non-integral number is). */
export function hasFloatTag(container: Container, key: Key): boolean {
  const value = (container as Record<Key, YamlValue>)[key];
  if (typeof value !== "number") return false;
  if (!Number.isInteger(value)) return true;
  return recorded && marks.get(container)?.get(key) === value;
}

/** Forgets the float tags of `container`'s own fields (its values were re-read from JSON). */
export function clearFloatTags(container: Container): void {
  if (recorded) marks.delete(container);
}

/** Copies the float tags of `from` (and everything under it) to `to`, a deep copy of it. */
export function copyFloatTags(from: YamlValue, to: YamlValue): void {
  if (!recorded || from === null || typeof from !== "object" || to === null || typeof to !== "object") return;
  const keys = marks.get(from);
  if (keys) marks.set(to, new Map(keys));
  if (Array.isArray(from)) {
    if (!Array.isArray(to)) return;
    for (let i = 0; i < from.length; i++) copyFloatTags(from[i]!, to[i]!);
    return;
  }
  if (Array.isArray(to)) return;
  for (const k of Object.keys(from)) {
    const f = from[k]!;
    if (f !== null && typeof f === "object") copyFloatTags(f, (to as Record<string, YamlValue>)[k]!);
  }
}
