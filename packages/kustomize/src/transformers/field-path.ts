import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { type GvkSelector, fieldSpecGroupVersion, isSelected } from "../fieldspecs/gvk-match.js";
import type { FieldSpec } from "../types/kustomization.js";

/** A map or list holding a visited value; the visitor reads and writes `parent[key]`. */
export type FieldParent = YamlMap | YamlValue[];
export type FieldVisitor = (parent: FieldParent, key: string | number) => void;

/** What to create for a missing last path element (kyaml's CreateKind); none: never create. */
export type CreateKind = "scalar" | "map" | "none";

export interface WalkOptions {
  /** FieldSpec.create: create missing (or null) fields along the path. */
  create?: boolean;
  /** Node kind for a created last element; with "none" nothing is ever created. */
  createKind?: CreateKind;
}

/** A path that runs into a value it cannot descend (a scalar where a map or list is needed). */
export class FieldPathError extends Error {
  override readonly name = "FieldPathError";
}

/**
 * Splits a field-spec path on `/`; `\/` keeps a slash inside one element (annotation keys).
 * A trailing `[]` on an element marks a list, as in `spec/containers[]/image`.
 */
export function splitFieldPath(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const last = out[out.length - 1]!;
    if (last.endsWith("\\")) out[out.length - 1] = last.slice(0, -1) + "/" + parts[i];
    else out.push(parts[i]!);
  }
  return out;
}

/** Field-spec tables hold a few hundred distinct paths, each walked once per resource. */
const splitPaths = new Map<string, readonly string[]>();
function splitPathOnce(path: string): readonly string[] {
  let parts = splitPaths.get(path);
  if (parts === undefined) {
    parts = splitFieldPath(path);
    splitPaths.set(path, parts);
  }
  return parts;
}

/**
 * Visits every value at `path` below `root`, as kustomize's fieldspec filter does: a list met
 * anywhere along the way is walked element by element (with or without `[]` in the path), a
 * null on the way stops quietly, a scalar on the way is an error, and so is an element that
 * kyaml's lookup refuses on a map (an index, `-`, `[k=v]`, `*`, or an empty name). With
 * `create`, missing maps are added and the last element is created as `createKind`; a null
 * found where a field is created becomes an empty map (or, for a `name[]` element, an empty list).
 */
export function walkFieldPath(root: YamlMap, path: string | readonly string[], opts: WalkOptions, visit: FieldVisitor): void {
  const parts = typeof path === "string" ? splitPathOnce(path) : path;
  const createKind = opts.create ? (opts.createKind ?? "none") : "none";
  descend(root, 0);

  function descend(node: YamlValue | undefined, i: number): void {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      try {
        for (let k = 0; k < node.length; k++) at(node, k, i);
      } catch (e) {
        if (e instanceof FieldPathError) e.message = `visit traversal on path: [${parts.slice(i).join(" ")}]: ${e.message}`;
        throw e;
      }
      return;
    }
    if (isMap(node)) {
      field(node, i);
      return;
    }
    throw new FieldPathError("expected sequence or mapping node");
  }

  /** The element `parent[key]` with path parts `i…` still to go. */
  function at(parent: FieldParent, key: string | number, i: number): void {
    if (i === parts.length) {
      visit(parent, key);
      return;
    }
    descend((parent as Record<string | number, YamlValue>)[key], i);
  }

  function field(map: YamlMap, i: number): void {
    const raw = parts[i]!;
    const isSeq = raw.endsWith("[]");
    const untrimmed = isSeq ? raw.slice(0, -2) : raw;
    if (untrimmed === "") throw new FieldPathError("cannot set or create an empty field name");
    // kyaml's path lookup trims each element and drops a blank one (staying on this map).
    const name = untrimmed.trim();
    if (name === "") {
      at({ [""]: map }, "", i + 1);
      return;
    }
    const refusal = lookupRefusal(name);
    if (refusal) throw new FieldPathError(`fieldName: ${untrimmed}: ${refusal}`);
    const last = i === parts.length - 1;
    // kyaml never creates a `name[]` element, but takes the hint to turn a null into a list.
    const kind: "seq" | "map" | "scalar" | undefined = isSeq
      ? "seq"
      : createKind === "none"
        ? undefined
        : last
          ? createKind
          : "map";
    if (!Object.prototype.hasOwnProperty.call(map, name)) {
      if (isSeq || kind === undefined) return;
      map[name] = emptyOf(kind);
    } else if (map[name] === null && kind !== undefined) {
      map[name] = emptyOf(kind);
    }
    at(map, name, i + 1);
  }
}

/**
 * Why kyaml's path lookup refuses an element on a map: an index (`0`, `-`) or a `[k=v]` selector
 * asks for a list, and `*` is not supported. Field specs walk lists implicitly, so such an element
 * always meets a map and always fails; undefined for a plain field name.
 */
function lookupRefusal(name: string): string | undefined {
  // Go's Atoi: an optional sign and digits, within int64 (a longer number is a plain name).
  if (/^[+-]?\d+$/.test(name)) {
    const idx = BigInt(name);
    if (idx >= -(2n ** 63n) && idx < 2n ** 63n) {
      return idx < 0n ? `array index ${idx} cannot be negative` : WRONG_KIND_FOR_INDEX;
    }
  }
  if (name === "-" || (name.startsWith("[") && name.endsWith("]"))) return WRONG_KIND_FOR_INDEX;
  if (name === "*") return "wildcard is not supported in PathGetter";
  return undefined;
}

const WRONG_KIND_FOR_INDEX = "wrong node kind: expected SequenceNode but got MappingNode";

/** A created scalar starts as null: the setter that asked for it writes its value. */
function emptyOf(kind: "seq" | "map" | "scalar"): YamlValue {
  return kind === "seq" ? [] : kind === "map" ? {} : null;
}

/** An object's gvk as field specs judge it, from its own apiVersion and kind. */
export function fieldSpecGvkOf(obj: YamlMap): GvkSelector {
  const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  const kind = typeof obj.kind === "string" ? obj.kind : "";
  return { ...fieldSpecGroupVersion(apiVersion), kind };
}

/** Whether a field spec's gvk selects an object. */
export function fieldSpecMatches(fs: FieldSpec, obj: YamlMap): boolean {
  return isSelected(fieldSpecGvkOf(obj), fs);
}

/**
 * Applies one field spec to an object: checks its gvk, then walks its path. Callers applying
 * many specs to one object pass its `gvk` once.
 */
export function visitFieldSpec(
  obj: YamlMap,
  fs: FieldSpec,
  createKind: CreateKind,
  visit: FieldVisitor,
  gvk: GvkSelector = fieldSpecGvkOf(obj),
): void {
  if (!isSelected(gvk, fs)) return;
  walkFieldPath(obj, fs.path, { create: fs.create, createKind }, visit);
}

/** kustomize's node kind names, for messages about a value of the wrong shape. */
export function nodeKindName(v: YamlValue | undefined): string {
  if (Array.isArray(v)) return "SequenceNode";
  if (isMap(v)) return "MappingNode";
  return "ScalarNode";
}
