import { isBareNull, isMap, parseAllDocuments, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { posix } from "node:path";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { ResMap } from "../resource/res-map.js";
import { selectResources } from "../patch/select/selector.js";
import type { Selector } from "../types/kustomization.js";
import { nodeKindName, splitFieldPath } from "./field-path.js";
import { setNamespaceOf } from "./namespace.js";
import { isListSelector, splitListSelector } from "./replacements/path-split.js";
import { resolvePlain, scalarText, yamlScalarForm } from "./replacements/scalars.js";

/** One place a ValueAddTransformer writes its value. */
interface ValueAddTarget {
  selector?: Selector;
  fieldPath: string;
  filePathPosition: number;
}

/**
 * The builtin ValueAddTransformer (an RFC 6902 "add" of one string): for each target, on every
 * resource its selector picks (all when it has none), the value is written at the `/`-separated
 * field path, created if missing; `metadata/namespace` is set as the namespace transformer sets
 * it. With a positive `filePathPosition` the value is inserted as a path element into the path
 * the field already holds instead of replacing it.
 */
export function applyValueAdd(resMap: ResMap, config: YamlMap, loader: FileLoader): void {
  const value = valueOf(config, loader);
  for (const target of targetsOf(config, loader)) {
    const resources = target.selector ? selectResources(resMap, target.selector, "TRANSFORMER") : resMap.resources();
    for (const r of resources) {
      if (target.fieldPath === "metadata/namespace") setNamespaceOf(r, value);
      else addValue(r.obj, splitFieldPath(target.fieldPath), value, target.filePathPosition);
    }
  }
}

/**
 * The value, trimmed; an empty one is the name of the directory of the kustomization listing it.
 * The config is read into a string field, so a number or boolean there is its text.
 */
function valueOf(config: YamlMap, loader: FileLoader): string {
  const v = config.value ?? "";
  if (isMap(v) || Array.isArray(v)) throw configError(`value must be a string, not ${JSON.stringify(v)}`);
  return scalarText(v).trim() || posix.basename(loader.root);
}

/** `targets`, then those of the file named by `targetFilePath`; at least one, each well formed. */
function targetsOf(config: YamlMap, loader: FileLoader): ValueAddTarget[] {
  const listed: YamlValue[] = [...listOf(config.targets)];
  const file = config.targetFilePath;
  if (typeof file === "string" && file !== "") {
    const doc = parseAllDocuments(loader.readFile(file), { file })[0];
    listed.push(...listOf(isMap(doc) ? doc.targets : undefined));
  }
  if (listed.length === 0) throw configError("must specify at least one target");
  return listed.map((t) => {
    const target = (isMap(t) ? t : {}) as YamlMap;
    const fieldPath = typeof target.fieldPath === "string" ? target.fieldPath : "";
    if (fieldPath === "") throw configError("fieldPath cannot be empty");
    const filePathPosition = typeof target.filePathPosition === "number" ? target.filePathPosition : 0;
    if (filePathPosition < 0) throw configError(`value of FilePathPosition (${filePathPosition}) cannot be negative`);
    const selector = isMap(target.selector) ? (target.selector as Selector) : undefined;
    return { selector, fieldPath, filePathPosition };
  });
}

function listOf(v: YamlValue | undefined): YamlValue[] {
  return Array.isArray(v) ? v : [];
}

function configError(message: string): KustomizeError {
  return new KustomizeError("TRANSFORMER", `ValueAddTransformer: ${message}`);
}

/** A container and key holding a value (a map's field or a list's element). */
type Slot = { parent: YamlMap | YamlValue[]; key: string | number; created?: boolean };

/**
 * kyaml's LookupCreate(ScalarNode, path...) followed by a FieldSetter: missing fields are made
 * along the way; a path stopped by a null, a missing list element or no matching entry writes
 * nothing.
 */
function addValue(root: YamlMap, parts: string[], value: string, filePathPosition: number): void {
  const slot = lookupCreate(root, parts);
  if (!slot) return;
  const current = (slot.parent as Record<string | number, YamlValue>)[slot.key];
  if (isMap(current) || Array.isArray(current)) {
    throw new KustomizeError("TRANSFORMER", `wrong node kind: expected ScalarNode but got ${nodeKindName(current)}`);
  }
  const old = slot.created ? "" : nodeText(slot, current);
  const text = filePathPosition > 0 ? insertPathPart(old, filePathPosition - 1, value) : value;
  (slot.parent as Record<string | number, YamlValue>)[slot.key] = wasPlain(current) ? resolvePlain(text).value : text;
}

/**
 * The text of the scalar node found: a null reads as it was written, `null` unless it was a bare
 * `key:` (this engine cannot tell `~` from `null`).
 */
function nodeText(slot: Slot, current: YamlValue | undefined): string {
  if (current !== null && current !== undefined) return scalarText(current);
  const bare = !Array.isArray(slot.parent) && typeof slot.key === "string" && isBareNull(slot.parent, slot.key);
  return bare ? "" : "null";
}

/**
 * kyaml writes the value as untagged text in the style the old node had, so a plain scalar's
 * new text is read back plainly (`42` becomes a number) while a quoted one stays a string. Only
 * the text survives here: a string that could not have been written plain was quoted.
 */
function wasPlain(current: YamlValue | undefined): boolean {
  if (typeof current !== "string") return true;
  return !current.includes("\n") && yamlScalarForm(current) === current;
}

/** kyaml's PathGetter with Create: ScalarNode, on this engine's values. */
function lookupCreate(root: YamlMap, parts: string[]): Slot | undefined {
  let slot: Slot | undefined;
  let node: YamlValue = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (node === null || node === undefined) return undefined;
    if (/^[+-]?\d+$/.test(part) || part === "-") {
      const idx = part === "-" ? -1 : Number(part);
      if (idx < 0 && part !== "-") throw new KustomizeError("TRANSFORMER", `array index ${idx} cannot be negative`);
      const list = sequence(node);
      // kubectl crashes on `-` in an empty list (kyaml indexes element -1).
      if (idx === -1 && list.length === 0) throw new KustomizeError("TRANSFORMER", "index out of range [-1]");
      const at = idx === -1 ? list.length - 1 : idx;
      if (at >= list.length) return undefined;
      slot = { parent: list, key: at };
    } else if (part === "*") {
      throw new KustomizeError("TRANSFORMER", "wildcard is not supported in PathGetter");
    } else if (isListSelector(part)) {
      const list = sequence(node);
      const { field, value } = splitListSelector(part);
      // The first entry whose field (or, for `[=v]`, the entry itself) reads exactly `value`.
      let at = list.findIndex((el) =>
        field === ""
          ? !isMap(el) && !Array.isArray(el) && scalarText(el) === value
          : isMap(el) && Object.hasOwn(el, field) && scalarText(el[field]) === value,
      );
      if (at === -1) {
        const made = resolvePlain(value).value;
        list.push(field === "" ? made : { [field]: made });
        at = list.length - 1;
      }
      slot = { parent: list, key: at };
    } else if (part === "") {
      // kyaml skips an empty path element.
      continue;
    } else {
      if (!isMap(node)) {
        throw new KustomizeError("TRANSFORMER", `wrong node kind: expected MappingNode but got ${nodeKindName(node)}`);
      }
      const created: boolean = !Object.hasOwn(node, part);
      if (created) node[part] = createFor(next);
      slot = { parent: node, key: part, created };
    }
    node = (slot.parent as Record<string | number, YamlValue>)[slot.key]!;
  }
  return slot;
}

function sequence(node: YamlValue): YamlValue[] {
  if (!Array.isArray(node)) {
    throw new KustomizeError("TRANSFORMER", `wrong node kind: expected SequenceNode but got ${nodeKindName(node)}`);
  }
  return node;
}

/** kyaml's getPathPartKind: a list before an index or `[k=v]`, a scalar at the end, else a map. */
function createFor(next: string | undefined): YamlValue {
  if (next === undefined) return null;
  if (isListSelector(next) || /^\+?\d+$/.test(next)) return [];
  return {};
}

/**
 * kustomize's filesys.InsertPathPart: `part` becomes element `pos` of the `/`-separated path
 * (clamped to a prefix or postfix), an absolute path stays absolute, and the result is cleaned
 * as Go's filepath.Join cleans it.
 */
export function insertPathPart(path: string, pos: number, part: string): string {
  if (part === "") return path;
  const parts = pathSplit(path);
  let at = Math.min(Math.max(pos, 0), parts.length);
  if (parts.length > 0 && parts[0] === "" && at < parts.length) at++;
  const result = [...parts.slice(0, at), part, ...parts.slice(at)];
  if (result[0] === "") return "/" + goJoin(result.slice(1));
  return goJoin(result);
}

/** filesys.PathSplit: an absolute path's first element is "". */
function pathSplit(path: string): string[] {
  if (path === "") return [];
  const cut = path.lastIndexOf("/") + 1;
  const dir = path.slice(0, cut);
  const file = path.slice(cut);
  if (dir === "/") return file === "" ? [""] : ["", file];
  const trimmed = dir.endsWith("/") ? dir.slice(0, -1) : dir;
  if (trimmed === "") return [file];
  return [...pathSplit(trimmed), file];
}

/** Go's filepath.Join: the non-empty elements joined by "/" and cleaned; "" when none. */
function goJoin(elems: string[]): string {
  const kept = elems.filter((e) => e !== "");
  return kept.length === 0 ? "" : posix.normalize(kept.join("/")).replace(/(.)\/$/, "$1");
}
