// The second half of kfctl's reading: ghodss/yaml's JSON conversion plus encoding/json decoding
// into a Go struct, driven by a schema given as data. What matters for rendering:
// - a number or bool in a string field becomes a string (`true` → "true", `1.0` → "1"), except
//   inside fields of embedded Go structs, where ghodss does not see the field type (`coerce: false`);
// - field names match case-insensitively, an exact match preferred; unknown fields are dropped;
// - a wrong type anywhere is an error for the whole document (encoding/json reports it at the end).

import { type GoMap, type GoValue, GoFloat, GoInt } from "./go-yaml.js";
import { formatFloat32 } from "./go-format.js";

export type Schema =
  | { t: "string"; coerce?: false }
  | { t: "bool" }
  | { t: "int" }
  /** map[string]string */
  | { t: "map"; coerce?: false }
  | { t: "list"; of: Schema }
  /** `ptr`: a Go pointer, absent when missing or null. */
  | { t: "struct"; fields: Record<string, Schema>; ptr?: boolean; coerce?: false }
  /** Kept as the Go value (json.RawMessage-like). */
  | { t: "raw" };

export class DecodeError extends Error {
  override readonly name = "DecodeError";
  constructor(readonly path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
  }
}

export type Decoded = string | boolean | bigint | Decoded[] | DecodedStruct | Record<string, string> | GoValue | undefined;
export type DecodedStruct = { [field: string]: Decoded };

function describe(v: GoValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoInt || v instanceof GoFloat) return "number";
  if (Array.isArray(v)) return "array";
  return "object";
}

/** ghodss: a scalar that lands in a string field is printed the way go-yaml would print it. */
export function ghodssString(v: GoValue): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof GoFloat) return formatFloat32(v.value);
  return undefined;
}

function foldEq(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

/** encoding/json's field lookup: exact name first, else the first case-insensitive match. */
export function findField(fields: Record<string, Schema>, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(fields, key)) return key;
  for (const name of Object.keys(fields)) if (foldEq(name, key)) return name;
  return undefined;
}

/** Go's sort.Strings order (bytes of UTF-8), which json.Marshal uses for map keys. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-8 byte order is code point order; UTF-16 order differs only around surrogates.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Decodes `v` as encoding/json would decode ghodss's JSON of it into a value of type `s`.
 * `existing` is the field's current value (json merges maps and structs into existing ones).
 */
export function decode(v: GoValue, s: Schema, path = "", coerce = true, existing?: Decoded, fill = false): Decoded {
  switch (s.t) {
    case "raw":
      return v;
    case "string": {
      if (v === null) return existing ?? "";
      if (typeof v === "string") return v;
      const c = coerce && s.coerce !== false ? ghodssString(v) : undefined;
      if (c === undefined) throw new DecodeError(path, `cannot unmarshal ${describe(v)} into a string`);
      return c;
    }
    case "bool":
      if (v === null) return existing ?? false;
      if (typeof v === "boolean") return v;
      throw new DecodeError(path, `cannot unmarshal ${describe(v)} into a bool`);
    case "int": {
      if (v === null) return existing ?? 0n;
      let n: bigint | undefined;
      if (v instanceof GoInt) n = v.value;
      else if (v instanceof GoFloat && Number.isInteger(v.value)) n = BigInt(v.value);
      if (n === undefined || n < -(2n ** 63n) || n >= 2n ** 63n) {
        throw new DecodeError(path, `cannot unmarshal ${describe(v)} into an int64`);
      }
      return n;
    }
    case "map": {
      if (v === null) return undefined;
      if (!(v instanceof Map)) throw new DecodeError(path, `cannot unmarshal ${describe(v)} into a map`);
      const out: Record<string, string> =
        existing && typeof existing === "object" ? (existing as Record<string, string>) : Object.create(null);
      for (const k of [...v.keys()].sort(byteCompare)) {
        out[k] = decode(v.get(k)!, { t: "string" }, `${path}.${k}`, coerce && s.coerce !== false) as string;
      }
      return out;
    }
    case "list": {
      if (v === null) return undefined;
      if (!Array.isArray(v)) throw new DecodeError(path, `cannot unmarshal ${describe(v)} into a list`);
      return v.map((item, i) => decode(item, s.of, `${path}[${i}]`, coerce, undefined, fill));
    }
    case "struct": {
      if (v === null) return s.ptr ? undefined : (existing ?? (fill ? zeroStruct(s) : {}));
      if (!(v instanceof Map)) throw new DecodeError(path, `cannot unmarshal ${describe(v)} into an object`);
      const out: DecodedStruct =
        existing && typeof existing === "object" && !Array.isArray(existing) ? (existing as DecodedStruct) : fill ? zeroStruct(s) : {};
      const inner = coerce && s.coerce !== false;
      for (const k of [...(v as GoMap).keys()].sort(byteCompare)) {
        const name = findField(s.fields, k);
        if (name === undefined) continue;
        const fieldPath = path ? `${path}.${name}` : name;
        out[name] = decode(v.get(k)!, s.fields[name]!, fieldPath, inner, out[name], fill);
      }
      return out;
    }
  }
}

/** Go's zero value of a struct: "" for strings, nested non-pointer structs filled in, nil left out. */
function zeroStruct(s: Extract<Schema, { t: "struct" }>): DecodedStruct {
  const out: DecodedStruct = {};
  for (const [name, f] of Object.entries(s.fields)) {
    if (f.t === "string") out[name] = "";
    else if (f.t === "bool") out[name] = false;
    else if (f.t === "int") out[name] = 0n;
    else if (f.t === "struct" && !f.ptr) out[name] = zeroStruct(f);
  }
  return out;
}

/** True when a NaN or infinite float occurs anywhere in `v` (json.Marshal refuses them). */
export function hasNonFinite(v: GoValue): boolean {
  if (v instanceof GoFloat) return !Number.isFinite(v.value);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v instanceof Map) for (const x of v.values()) if (hasNonFinite(x)) return true;
  return false;
}
