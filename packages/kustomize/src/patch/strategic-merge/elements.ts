import { isMap, type YamlValue } from "@kfrender/yaml";
import { fieldOf, hasField, isEmptyMap, isMissingOrNull, nodeText, wrongKind, type Node } from "./nodes.js";

/*
 * List element lookups as kyaml's ElementSetter / ElementMatcher perform them. Elements are matched
 * by the text of key fields; a key "" means the list holds scalars, matched by their own text. These
 * keep kyaml's quirks on purpose (empty elements vanish whenever a setter runs; with fewer values
 * than keys the last comparison decides), since the merged output depends on them.
 */

/**
 * Replaces (or, with no `element`, deletes) every element whose `keys` fields have `values`, and
 * appends `element` when none matched. Null and empty-map elements are dropped along the way.
 * Mutates `list` in place.
 */
export function setElement(list: YamlValue[], element: Node, keys: string[], values: string[]): void {
  const ks = keys.length ? keys : [""];
  const mappingSetter = ks[0] !== "" && values.length > 0 && values[0] !== "";
  const kept: YamlValue[] = [];
  let matched = false;
  for (const elem of list) {
    if (elem === null || isEmptyMap(elem)) continue;
    if (!isMap(elem) && mappingSetter) {
      kept.push(elem);
      continue;
    }
    let hit = false;
    for (let j = 0; j < ks.length; j++) {
      if (j < values.length) hit = fieldMatches(elem, ks[j]!, values[j]!);
      if (!hit) break;
    }
    if (!hit) {
      if (values.length > 0) kept.push(elem);
      continue;
    }
    matched = true;
    if (element !== undefined) kept.push(element as YamlValue);
  }
  list.splice(0, list.length, ...kept);
  if (isMissingOrNull(element)) return;
  if (!matched) list.push(element);
}

/** kyaml's FieldMatcher with a string value: "" matches any present field. */
function fieldMatches(elem: YamlValue, name: string, value: string): boolean {
  if (name === "") {
    if (typeof elem === "object" && elem !== null) throw wrongKind("scalar", elem);
    return nodeText(elem) === value;
  }
  if (!isMap(elem)) throw wrongKind("map", elem);
  if (!hasField(elem, name)) return false;
  return value === "" || nodeText(elem[name]) === value;
}

/** The first element whose `keys` fields have exactly `values` (kyaml's ElementList). */
export function findElement(list: Node, keys: string[], values: string[]): Node {
  if (!Array.isArray(list)) return undefined;
  const ks = keys.length ? keys : [""];
  const vs = values.length ? values : [""];
  if (ks[0] === "") return list.find((e) => nodeText(e) === vs[0]);
  for (const elem of list) {
    if (!isMap(elem)) continue;
    if (ks.length !== vs.length) return undefined;
    if (ks.every((k, i) => hasField(elem, k) && nodeText(elem[k]) === vs[i])) return elem;
  }
  return undefined;
}

/**
 * Sets each element of `src` into `dst` by its key values (kyaml's appendListNode), returning `dst`.
 * An element missing a key is appended as is (once per missing key).
 */
export function appendElements(dst: YamlValue[], src: YamlValue[], keys: string[]): YamlValue[] {
  for (const elem of src.slice()) {
    if (keys[0] === "") {
      setElement(dst, elem, [""], [nodeText(elem)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      if (elem !== null && !isMap(elem)) throw wrongKind("map", elem);
      const value = fieldOf(elem, key);
      if (value === undefined) {
        dst.push(elem);
        continue;
      }
      values.push(nodeText(value));
    }
    // With several keys the setter would append a duplicate, so the old copy goes first.
    if (keys.length > 1) setElement(dst, undefined, keys, values);
    setElement(dst, elem, keys, values);
  }
  return dst;
}
