import { timestampText, type YamlMap, type YamlValue } from "@kfrender/yaml";
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
  // A timestamp hands back the text it was written as (`2001-12-14`), not its JSON form.
  return v === null ? "null" : (timestampText(found.parent, found.key) ?? v);
}
