import { isMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../../errors.js";
import { setElement } from "./elements.js";
import { hasField, kindOf, nodeText, type Node } from "./nodes.js";

/** A strategic merge patch directive (`$patch: replace|delete|merge`); "unknown" when unrecognised. */
export type Directive = "merge" | "replace" | "delete" | "unknown";

export const DIRECTIVE_KEY = "$patch";

const KNOWN = new Set(["merge", "replace", "delete"]);

/**
 * Reads the `$patch` directive of a patch node and, when it is one kyaml knows, removes it from the
 * node (so it never reaches the output). A map carries it as a field; a list carries it as an
 * element `{$patch: …}` that has no other field. Nodes without one merge.
 *
 * With `strict`, an unrecognised directive fails the patch; otherwise it is reported as "unknown"
 * and left in place (kyaml ignores the error when the target has nothing to merge into).
 */
export function takeDirective(patch: Node, strict: boolean): Directive {
  if (patch === undefined) return "merge";
  if (Array.isArray(patch)) return takeListDirective(patch, strict);
  if (isMap(patch)) {
    if (!hasField(patch, DIRECTIVE_KEY)) return "merge";
    const value = nodeText(patch[DIRECTIVE_KEY]);
    if (KNOWN.has(value)) {
      delete patch[DIRECTIVE_KEY];
      return value as Directive;
    }
    return unknown(value, strict);
  }
  if (strict) {
    throw new KustomizeError(
      "PATCH",
      `no implemented strategic merge patch strategy for '${kindOf(patch) === undefined ? "!!null" : "!!str"}' ('${nodeText(patch)}')`,
    );
  }
  return "unknown";
}

function takeListDirective(list: YamlValue[], strict: boolean): Directive {
  // Only the first element that carries a `$patch` is considered, and only if it carries nothing else.
  const carrier = list.find((e) => hasField(e, DIRECTIVE_KEY));
  if (!isMap(carrier) || Object.keys(carrier).length > 1) return "merge";
  const value = nodeText(carrier[DIRECTIVE_KEY]);
  if (!KNOWN.has(value)) return unknown(value, strict);
  // kyaml elides it with an element setter, which also drops empty elements from the list.
  setElement(list, undefined, [DIRECTIVE_KEY], [value]);
  return value as Directive;
}

function unknown(value: string, strict: boolean): Directive {
  if (strict) throw new KustomizeError("PATCH", `unknown patch strategy '${value}'`);
  return "unknown";
}
