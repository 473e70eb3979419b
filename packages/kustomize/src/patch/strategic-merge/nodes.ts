import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../../errors.js";

/**
 * kyaml works on YAML nodes; here a node is a YamlValue, and `undefined` stands for kyaml's nil
 * (a field or source that is absent) while `null` is a node explicitly tagged null.
 */
export type Node = YamlValue | undefined;

export type NodeKind = "map" | "seq" | "scalar";

const hasOwn = (m: YamlMap, key: string) => Object.prototype.hasOwnProperty.call(m, key);

export function isMissingOrNull(n: Node): n is null | undefined {
  return n === undefined || n === null;
}

export function isEmptyMap(n: Node): boolean {
  return isMap(n) && Object.keys(n).length === 0;
}

/** The kind of a present, non-null node. */
export function kindOf(n: Node): NodeKind | undefined {
  if (isMissingOrNull(n)) return undefined;
  if (Array.isArray(n)) return "seq";
  return isMap(n) ? "map" : "scalar";
}

/** A field of a map node; undefined when the node is not a map or lacks the field. */
export function fieldOf(n: Node, key: string): Node {
  return isMap(n) && hasOwn(n, key) ? n[key] : undefined;
}

export function hasField(n: Node, key: string): boolean {
  return isMap(n) && hasOwn(n, key);
}

/**
 * A node's text as kyaml compares it (yaml.Node.Value): a scalar's text, "" for maps and lists.
 * Scalars are compared as text, so the int 80 and the string "80" are the same key.
 */
export function nodeText(n: Node): string {
  if (n === undefined) return "";
  if (n === null) return "null";
  if (typeof n === "object") return "";
  return String(n);
}

/** A field value as kyaml's ElementValuesList reads merge keys: empty values (null, {}, []) count as "". */
export function keyText(n: Node): string {
  if (n === null || n === undefined || typeof n === "object") return "";
  return String(n);
}

/** A merge-key value put back into an element: kyaml writes it as an untagged scalar, which resolves by its text. */
export function scalarFromText(text: string): YamlValue {
  if (/^-?(0|[1-9][0-9]*)$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  if (text === "true" || text === "false") return text === "true";
  return text;
}

const KIND_NAMES: Record<NodeKind, string> = { map: "MappingNode", seq: "SequenceNode", scalar: "ScalarNode" };

/** kyaml's ErrorIfInvalid failure, reported when a patch and its target disagree on a node's kind. */
export function wrongKind(expected: NodeKind, node: Node): KustomizeError {
  const got = kindOf(node) ?? "scalar";
  return new KustomizeError(
    "PATCH",
    `wrong node kind: expected ${KIND_NAMES[expected]} but got ${KIND_NAMES[got]}: node contents:\n${flow(node)}`,
  );
}

/** A one-line rendering of a node for error messages. */
function flow(n: Node): string {
  if (n === undefined) return "";
  if (Array.isArray(n)) return `[${n.map(flow).join(", ")}]`;
  if (isMap(n)) return `{${Object.keys(n).map((k) => `${k}: ${flow(n[k])}`).join(", ")}}`;
  return nodeText(n);
}
