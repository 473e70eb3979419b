import { isMap, parseYaml11, type YamlMap, type YamlValue } from "@kfrender/yaml";

/** One RFC 6902 operation, as decoded (fields other than op/path/from/value are ignored). */
export type Operation = YamlMap | null;

export class DecodeError extends Error {}

/**
 * Decodes a JSON patch the way kustomize does: text starting with `[` is JSON; anything else is
 * YAML (read as sigs.k8s.io/yaml reads it, YAML 1.1) converted to JSON. The result must be a list
 * of objects; `null` decodes to no operations. Throws DecodeError.
 */
export function decodeOperations(text: string): Operation[] {
  let value: YamlValue;
  if (text.startsWith("[")) {
    try {
      value = JSON.parse(text) as YamlValue;
    } catch (e) {
      throw new DecodeError((e as Error).message);
    }
  } else {
    try {
      value = parseYaml11(text);
    } catch (e) {
      throw new DecodeError((e as Error).message);
    }
  }
  if (value === null) return [];
  if (!Array.isArray(value)) {
    throw new DecodeError(`json: cannot unmarshal ${jsonType(value)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of value) {
    if (op !== null && !isMap(op)) {
      throw new DecodeError(`json: cannot unmarshal ${jsonType(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  return value as Operation[];
}

function jsonType(v: YamlValue): string {
  if (Array.isArray(v)) return "array";
  if (isMap(v)) return "object";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  return "number";
}
