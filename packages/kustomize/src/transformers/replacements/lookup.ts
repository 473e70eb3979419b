import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import { isListSelector, splitListSelector } from "./path-split.js";
import { scalarText } from "./scalars.js";
import { wrongKind } from "./wrong-kind.js";

/** Where a looked-up value lives, so a caller can read it again after others have written to it. */
export interface Found {
  parent: YamlMap | YamlValue[];
  key: string | number;
}

export function readFound(f: Found): YamlValue {
  return (f.parent as Record<string | number, YamlValue>)[f.key]!;
}

/**
 * kyaml's Lookup (PathGetter without create): map keys, non-negative list indexes, `-` for the last
 * element, `[field=value]` / `[=value]` exact-match selectors. Returns undefined when a step is
 * missing or null; throws (kyaml's wording) where a step meets the wrong kind of node.
 */
export function lookup(root: YamlMap, parts: string[]): Found | undefined {
  let cur: YamlValue = root;
  let found: Found | undefined;
  for (const part of parts) {
    if (cur === null || cur === undefined) return undefined;
    found = step(cur, part);
    if (!found) return undefined;
    cur = readFound(found);
  }
  return found;
}

function step(node: YamlValue, part: string): Found | undefined {
  if (/^[+-]?\d+$/.test(part)) {
    const idx = Number(part);
    if (idx < 0) throw new Error(`array index ${idx} cannot be negative`);
    const list = asList(node);
    return idx < list.length ? { parent: list, key: idx } : undefined;
  }
  if (part === "-") {
    const list = asList(node);
    return list.length ? { parent: list, key: list.length - 1 } : undefined;
  }
  if (part === "*") throw new Error("wildcard is not supported in PathGetter");
  if (isListSelector(part)) {
    const { field, value } = splitListSelector(part);
    const list = asList(node);
    for (let i = 0; i < list.length; i++) {
      const el = list[i]!;
      if (field === "") {
        if (!isMap(el) && !Array.isArray(el) && scalarText(el) === value) return { parent: list, key: i };
      } else if (isMap(el) && Object.hasOwn(el, field) && scalarText(el[field]) === value) {
        return { parent: list, key: i };
      }
    }
    return undefined;
  }
  if (!isMap(node)) throw wrongKind("MappingNode", node);
  return Object.hasOwn(node, part) ? { parent: node, key: part } : undefined;
}

function asList(node: YamlValue): YamlValue[] {
  if (Array.isArray(node)) return node;
  throw wrongKind("SequenceNode", node);
}
