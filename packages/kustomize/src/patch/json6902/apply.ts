import { valuesEqual, type YamlMap, type YamlValue } from "@kfrender/yaml";
import type { Operation } from "./operations.js";

/**
 * RFC 6902 as kustomize v5.5 applies it (evanphx/json-patch v4.12 with default options), including
 * its departures from the RFC that manifests rely on or trip over:
 * - `replace` of a missing map key adds it; `replace`/`test` of path "" act on the whole document
 *   (a replace by anything but an object or array does nothing);
 * - negative array indices count from the end (`-1` is the last element; add at `-1` appends);
 * - a path's first segment is dropped, so `spec/x` means `/x`;
 * - an absent `value` means null; `copy` from a missing key copies null.
 * Error messages are evanphx's. fast-json-patch (the package's RFC implementation) differs on all of
 * these, so the walk is done here.
 */
export class JsonPatchError extends Error {}

type Container = YamlMap | YamlValue[];

const MISSING = ": missing value";
const INVALID_INDEX = ": invalid index referenced";

/** Applies the operations to `doc` (mutated where possible) and returns the resulting document. */
export function applyOperations(doc: YamlValue, ops: Operation[]): YamlValue {
  const state = { doc };
  for (const op of ops) applyOne(state, op);
  return state.doc;
}

function applyOne(state: { doc: YamlValue }, op: Operation): void {
  const kind = typeof op?.op === "string" ? op.op : "unknown";
  switch (kind) {
    case "add":
      return add(state, op!);
    case "remove":
      return remove(state, op!);
    case "replace":
      return replace(state, op!);
    case "move":
      return move(state, op!);
    case "test":
      return test(state, op!);
    case "copy":
      return copy(state, op!);
    default:
      throw new JsonPatchError(`Unexpected kind: ${kind}`);
  }
}

function pathOf(op: YamlMap, field: "path" | "from"): string | undefined {
  const v = op[field];
  return typeof v === "string" ? v : undefined;
}

/** The op's value, copied so one decoded patch can apply to many resources. */
function valueOf(op: YamlMap): YamlValue {
  const v = op.value;
  return v === undefined ? null : structuredClone(v);
}

function add(state: { doc: YamlValue }, op: YamlMap): void {
  const path = pathOf(op, "path");
  if (path === undefined) throw new JsonPatchError(`add operation failed to decode path${MISSING}`);
  const [con, key] = findContainer(state.doc, path);
  if (!con) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}"${MISSING}`);
  wrap(`error in add for path: '${path}'`, () => addTo(con, key, valueOf(op)));
}

function remove(state: { doc: YamlValue }, op: YamlMap): void {
  const path = pathOf(op, "path");
  if (path === undefined) throw new JsonPatchError(`remove operation failed to decode path${MISSING}`);
  const [con, key] = findContainer(state.doc, path);
  if (!con) throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}"${MISSING}`);
  wrap(`error in remove for path: '${path}'`, () => removeFrom(con, key));
}

function replace(state: { doc: YamlValue }, op: YamlMap): void {
  const path = pathOf(op, "path");
  if (path === undefined) {
    throw new JsonPatchError(`replace operation failed to decode path: operation missing path field${MISSING}`);
  }
  if (path === "") {
    // Only an object or array replaces the document; evanphx's error for anything else wraps a nil
    // error, so the operation silently does nothing.
    // Without a value at all evanphx dereferences nil (kubectl crashes); refuse instead.
    if (op.value === undefined) throw new JsonPatchError("replace operation value must be object or array");
    const v = valueOf(op);
    if (typeof v === "object" && v !== null) state.doc = v;
    return;
  }
  const [con, key] = findContainer(state.doc, path);
  if (!con) throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}${MISSING}`);
  try {
    getFrom(con, key);
  } catch {
    throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}${MISSING}`);
  }
  const value = valueOf(op);
  if (Array.isArray(con)) con[arrayIndex(con, key, con.length)] = value;
  else con[key] = value;
}

function move(state: { doc: YamlValue }, op: YamlMap): void {
  const from = pathOf(op, "from");
  if (from === undefined) {
    throw new JsonPatchError(`move operation failed to decode from: operation, missing from field${MISSING}`);
  }
  const [src, srcKey] = findContainer(state.doc, from);
  if (!src) throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from}${MISSING}`);
  const value = wrap(`error in move for path: '${srcKey}'`, () => getFrom(src, srcKey));
  wrap(`error in move for path: '${srcKey}'`, () => removeFrom(src, srcKey));
  const path = pathOf(op, "path");
  if (path === undefined) {
    throw new JsonPatchError(`move operation failed to decode path: operation missing path field${MISSING}`);
  }
  const [dst, key] = findContainer(state.doc, path);
  if (!dst) throw new JsonPatchError(`move operation does not apply: doc is missing destination path: ${path}${MISSING}`);
  wrap(`error in move for path: '${path}'`, () => addTo(dst, key, value ?? null));
}

function copy(state: { doc: YamlValue }, op: YamlMap): void {
  const from = pathOf(op, "from");
  if (from === undefined) {
    throw new JsonPatchError(`copy operation failed to decode from: operation, missing from field${MISSING}`);
  }
  const [src, srcKey] = findContainer(state.doc, from);
  if (!src) throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from}${MISSING}`);
  const value = wrap(`error in copy for from: '${from}'`, () => getFrom(src, srcKey));
  const path = pathOf(op, "path");
  if (path === undefined) throw new JsonPatchError(`copy operation failed to decode path${MISSING}`);
  const [dst, key] = findContainer(state.doc, path);
  if (!dst) throw new JsonPatchError(`copy operation does not apply: doc is missing destination path: ${path}${MISSING}`);
  wrap("error while adding value during copy", () => addTo(dst, key, value === undefined ? null : structuredClone(value)));
}

function test(state: { doc: YamlValue }, op: YamlMap): void {
  const path = pathOf(op, "path");
  if (path === undefined) {
    throw new JsonPatchError(`test operation failed to decode path: operation missing path field${MISSING}`);
  }
  const expected = op.value;
  let actual: YamlValue | undefined;
  if (path === "") {
    actual = state.doc;
  } else {
    const [con, key] = findContainer(state.doc, path);
    if (!con) throw new JsonPatchError(`test operation does not apply: is missing path: ${path}${MISSING}`);
    actual = wrap(`error in test for path: '${path}'`, () => getFrom(con, key));
  }
  const ok =
    actual === undefined || actual === null
      ? expected === undefined || expected === null
      : expected !== undefined && expected !== null && valuesEqual(actual, expected);
  if (!ok) throw new JsonPatchError(`testing value ${path} failed: test failed`);
}

/** Runs `f`, prefixing any failure with `context` as evanphx's errors.Wrapf does. */
function wrap<T>(context: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new JsonPatchError(`${context}: ${(e as Error).message}`);
  }
}

/** RFC 6901 token decoding, left to right: `~1` is `/`, `~0` is `~`. */
function decodeToken(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === "~1" ? "/" : "~"));
}

/**
 * The container holding the last token of `path`, and that token. Undefined when the path does
 * not lead to a map or list (a missing, null or scalar node on the way).
 */
function findContainer(doc: YamlValue, path: string): [Container | undefined, string] {
  const parts = path.split("/");
  if (parts.length < 2 || typeof doc !== "object" || doc === null) return [undefined, ""];
  let con: Container = doc;
  for (const part of parts.slice(1, -1)) {
    let next: YamlValue | undefined;
    try {
      next = getFrom(con, decodeToken(part));
    } catch {
      return [undefined, ""];
    }
    if (typeof next !== "object" || next === null) return [undefined, ""];
    con = next;
  }
  return [con, decodeToken(parts[parts.length - 1]!)];
}

/** Go's strconv.Atoi: optional sign, decimal digits, within int64. */
function atoi(key: string): number {
  if (!/^[+-]?[0-9]+$/.test(key)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const n = Number(key);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`);
  return n;
}

/** An existing element's index; negatives count from the end. */
function arrayIndex(list: YamlValue[], key: string, size: number): number {
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -size) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
    idx += size;
  }
  if (idx >= list.length) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
  return idx;
}

function getFrom(con: Container, key: string): YamlValue | undefined {
  if (Array.isArray(con)) return con[arrayIndex(con, key, con.length)];
  return Object.prototype.hasOwnProperty.call(con, key) ? con[key] : undefined;
}

function addTo(con: Container, key: string, value: YamlValue): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  if (key === "-") {
    con.push(value);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = con.length + 1;
  if (idx >= size) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -size) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
    idx += size;
  }
  con.splice(idx, 0, value);
}

function removeFrom(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.prototype.hasOwnProperty.call(con, key)) {
      throw new Error(`Unable to remove nonexistent key: ${key}${MISSING}`);
    }
    delete con[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= con.length) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -con.length) throw new Error(`Unable to access invalid index: ${idx}${INVALID_INDEX}`);
    idx += con.length;
  }
  con.splice(idx, 1);
}
