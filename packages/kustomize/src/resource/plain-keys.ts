import { v3PlainIsString } from "@kfrender/yaml";

/**
 * Whether kyaml can write `key` plain into a map and read it back as that string: not when it
 * reads as a number, boolean, null or timestamp, nor (where kyaml merges) as the merge key `<<`.
 * Such a key breaks the object (a map with non-string keys) and kubectl fails.
 */
export function readsBackAsKey(key: string, mergeKeyAllowed = false): boolean {
  return v3PlainIsString(key) && (mergeKeyAllowed || key !== "<<");
}

/** The failure for a key that does not read back (`subject` names it, e.g. `key "1" of …`). */
export function nonStringKeyMessage(subject: string): string {
  return `json: unsupported type: map[interface {}]interface {} (${subject} does not read back as a string)`;
}
