import { hasFloatTag, writtenText, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { lookup, readFound } from "../replacements/lookup.js";
import { expandSliceIndexes, splitFieldPath } from "../replacements/path-split.js";

/**
 * kyaml's GetFieldValue, where a var takes its value: a `.` path (`spec.ports[0].port` allowed)
 * looked up in the object. Returns undefined when the field is absent or the path is unusable. A
 * null field yields the text "null", as kyaml hands back a null node's text.
 */
export function varFieldValue(obj: YamlMap, fieldPath: string): YamlValue | undefined {
  let found;
  try {
    found = lookup(obj, expandSliceIndexes(splitFieldPath(fieldPath)));
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  const v = readFound(found);
  const text = writtenText(found.parent, found.key);
  if (text === undefined) return v === null ? "null" : v;
  // kyaml parses an int's or a float's text with Go's Atoi / ParseFloat, which refuse `0x1F`,
  // `0o17` and `1_000` (the var is then "not found"); other scalars hand back their text (`~`, a
  // timestamp's `2001-12-14`).
  if (typeof v === "number" || typeof v === "bigint") {
    if (Number.isInteger(v) && !hasFloatTag(found.parent, found.key)) {
      return /^[+-]?[0-9]+$/.test(text) ? goAtoi(text) : undefined;
    }
    return /^[+-]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][+-]?[0-9]+)?$/.test(text) ? v : undefined;
  }
  return typeof v === "boolean" ? v : text;
}

/** Go's strconv.Atoi on decimal text (an int64; beyond it, Atoi fails). */
function goAtoi(text: string): YamlValue | undefined {
  const n = BigInt(text);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) return undefined;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}
