import { copyScalarTag, isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import type { Schema, SchemaNode } from "../../openapi/schema.js";
import { setInPlace } from "../../resource/shared-nodes.js";
import { takeDirective } from "./directive.js";
import { appendElements, findElement, setElement } from "./elements.js";
import {
  fieldOf,
  hasField,
  isEmptyMap,
  isMissingOrNull,
  keyText,
  kindOf,
  nodeText,
  scalarFromText,
  wrongKind,
  type Node,
  type NodeKind,
} from "./nodes.js";

export interface MergeContext {
  schema: Schema;
  /**
   * Whether `map[key]` (a null) was written with no value at all (`key:`). kyaml keeps a target's
   * explicit `null`/`~` that the patch does not mention, but drops such bare keys.
   */
  isBareNull: (map: YamlMap, key: string) => boolean;
}

/*
 * kyaml's merge2 walker (which kustomize v5 uses for strategic merge patches), re-expressed over
 * YamlValues. `dest` is the target and is merged into in place; `origin` is the patch, whose nodes
 * end up in the result where the target has nothing. Lists merge by key only where the schema
 * declares a `merge` strategy; patch elements come first (kustomize merges with "prepend").
 */
export function walk(ctx: MergeContext, dest: Node, origin: Node, schemaIn: SchemaNode | undefined): Node {
  const schema = schemaIn ?? resourceSchema(ctx, dest, origin);
  const kind = kindOf(dest) ?? kindOf(origin);
  switch (kind) {
    case "map":
      ensureKind("map", dest, origin);
      return walkMap(ctx, dest, origin, schema);
    case "seq":
      ensureKind("seq", dest, origin);
      if (schema && ctx.schema.mergesByKey(schema)) return walkKeyedList(ctx, dest, origin, schema);
      // Lists without a merge strategy are replaced wholesale by the patch's list, as written.
      return origin !== undefined ? origin : dest;
    case "scalar":
      ensureKind("scalar", dest, origin);
      return origin !== undefined ? origin : dest;
    default:
      return walkMap(ctx, dest, origin, schema);
  }
}

/** Where no schema came down from the parent, a node that names a kind and apiVersion gets that type's schema. */
function resourceSchema(ctx: MergeContext, dest: Node, origin: Node): SchemaNode | undefined {
  for (const n of [dest, origin]) {
    if (!isMap(n)) continue;
    const kind = keyText(n.kind);
    const apiVersion = keyText(n.apiVersion);
    if (kind === "" || apiVersion === "") continue;
    const s = ctx.schema.forResource(apiVersion, kind);
    if (s) return s;
  }
  return undefined;
}

/** Both sides of a merge must be `kind` where they are present (called for every node walked). */
function ensureKind(kind: NodeKind, dest: Node, origin: Node): void {
  const d = kindOf(dest);
  if (d !== undefined && d !== kind) throw wrongKind(kind, dest);
  const o = kindOf(origin);
  if (o !== undefined && o !== kind) throw wrongKind(kind, origin);
}

/** What a map becomes before its fields merge: kept, replaced by the patch's, or cleared. */
function visitMap(dest: Node, origin: Node): Node {
  if (isMissingOrNull(dest)) {
    return takeDirective(origin, false) === "delete" ? undefined : origin;
  }
  if (origin === null) return undefined;
  switch (takeDirective(origin, true)) {
    case "delete":
      return undefined;
    case "replace":
      return origin;
    default:
      return dest;
  }
}

function walkMap(ctx: MergeContext, dest: Node, origin: Node, schema: SchemaNode | undefined): Node {
  const merged = visitMap(dest, origin);
  if (merged === undefined) return undefined;
  if (!isMap(merged)) return merged;
  const keys = new Set(Object.keys(merged));
  if (isMap(origin)) for (const k of Object.keys(origin)) keys.add(k);
  for (const key of [...keys].sort()) {
    const d = fieldOf(merged, key);
    const o = fieldOf(origin, key);
    if (o === undefined && (d === null || d === "")) {
      // An explicit null the patch does not touch survives; a bare `key:` (or `{key: }` in a
      // flow map, which reads as "") does not.
      if (ctx.isBareNull(merged, key)) {
        delete merged[key];
        continue;
      }
      if (d === null) continue;
    }
    const value = walk(ctx, d, o, schema ? ctx.schema.field(schema, key) : undefined);
    if (isMissingOrNull(value)) delete merged[key];
    // A scalar the patch sets is set in its node (see shared-nodes.ts).
    else if (kindOf(d) === "scalar" && kindOf(value) === "scalar") setInPlace(merged, key, value);
    else merged[key] = value;
    // A scalar from the patch comes with its tag (kyaml keeps the patch's node).
    if (o !== undefined && merged !== origin && (typeof value === "number" || typeof value === "string")) {
      copyScalarTag(origin as YamlMap, merged, key);
    }
  }
  return merged;
}

/** What a keyed list becomes before its elements merge. */
function visitKeyedList(dest: Node, origin: Node): Node {
  if (isMissingOrNull(dest)) return origin;
  if (origin === null) return undefined;
  switch (takeDirective(origin, true)) {
    case "delete":
      return undefined;
    case "replace":
      return origin;
    default:
      return dest;
  }
}

function walkKeyedList(ctx: MergeContext, dest: Node, origin: Node, schema: SchemaNode): Node {
  const list = visitKeyedList(dest, origin);
  if (list === undefined) return undefined;
  const { keys } = ctx.schema.listStrategy(schema);
  const values = elementKeyValues(list, origin, keys);
  if (values.length !== 0 || keys.length > 0) return mergeElements(ctx, values, keys, list, origin, schema);
  return mergeElements(ctx, primitiveValues(list, origin), [""], list, origin, schema);
}

/** The sources in the order their elements come out: the patch's first, then the target's. */
function patchFirst(list: Node, origin: Node): YamlValue[][] {
  const out: YamlValue[][] = [];
  if (Array.isArray(origin)) out.push(origin);
  if (Array.isArray(list)) out.push(list);
  return out;
}

/** Each distinct tuple of merge-key values across both lists. */
function elementKeyValues(list: Node, origin: Node, keys: string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  if (keys.length === 0) return out;
  for (const src of patchFirst(list, origin)) {
    for (const elem of src) {
      const tuple = keys.map((k) => keyText(fieldOf(elem, k)));
      const id = JSON.stringify(tuple);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(tuple);
    }
  }
  return out;
}

/** For lists of scalars (e.g. finalizers): each distinct element text. */
function primitiveValues(list: Node, origin: Node): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of patchFirst(list, origin)) {
    for (const item of src) {
      const text = nodeText(item);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push([text]);
    }
  }
  return out;
}

function mergeElements(
  ctx: MergeContext,
  valuesList: string[][],
  keys: string[],
  list: Node,
  origin: Node,
  schema: SchemaNode,
): Node {
  const dest = list as YamlValue[];
  const items: YamlValue[] = [];
  const elementSchema = ctx.schema.elements(schema);
  if (keys.length > 1) unifyPartialKeys(valuesList);
  let validKeys: string[] = [];
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = presentKeys(valuesList, values, keys);
    const [k, v] = presentKeys([validValues], validValues, validKeys);
    const val = walk(ctx, findElement(dest, k, v), origin === undefined ? undefined : findElement(origin, k, v), elementSchema);
    if (isMissingOrNull(val) || isEmptyMap(val)) {
      // A merged-away element (e.g. `$patch: delete`) leaves the target list.
      setElement(dest, undefined, validKeys, validValues);
      continue;
    }
    validKeys.forEach((key, i) => {
      if (key === "" || validValues[i] === "" || hasField(val, key)) return;
      if (!isMap(val)) throw wrongKind("map", val);
      val[key] = scalarFromText(validValues[i]!);
    });
    setElement(items, val, validKeys, validValues);
  }
  const merged = valuesList.length > 0 ? appendElements(items, dest, validKeys) : dest;
  return merged;
}

/**
 * With several merge keys (e.g. containerPort + protocol), tuples that agree wherever both have a
 * value are the same element: both become the union of their values. Mutates `valuesList`.
 */
function unifyPartialKeys(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    const a = valuesList[i]!;
    for (let j = 0; j < valuesList.length; j++) {
      const b = valuesList[j]!;
      const union = unionIfCompatible(a, b);
      if (union) {
        valuesList[i] = union;
        valuesList[j] = union;
      }
    }
  }
}

function unionIfCompatible(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      out.push(a[i]!);
    } else if (a[i] !== "" && b[i] !== "") {
      return undefined;
    } else {
      out.push(a[i] !== "" ? a[i]! : b[i]!);
    }
  }
  return common ? out : undefined;
}

/**
 * The keys that have a value somewhere in `valuesList`, with `values` narrowed to them; all keys
 * when none has. (Lets a port without `protocol` still match by `containerPort` alone.)
 */
function presentKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const present = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== "" && present.add(keys[i]!));
  if (present.size === 0) return [keys, values];
  return [keys.filter((k) => present.has(k)), values.filter((v, i) => v !== "" || present.has(keys[i]!))];
}
