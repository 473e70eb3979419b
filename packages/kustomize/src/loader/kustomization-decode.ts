// Reading a kustomization as kustomize does: sigs.k8s.io/yaml turns the YAML into JSON (map keys
// sorted), then encoding/json decodes that into kustomize's Go types (kustomization-schema.ts) with
// unknown fields disallowed. Any value of the wrong JSON type anywhere fails the build with
// encoding/json's message; what passes is what Go would hold, field names and zero values included.

import { cloneYaml, isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { type GoStruct, type GoType, KUSTOMIZATION, foldName } from "./kustomization-schema.js";

/**
 * Checks a parsed kustomization against the Go types, throwing kubectl's `invalid Kustomization:`
 * error, and returns it as Go decodes it: `raw` itself unless a key needs its JSON spelling or a
 * null below the top level needs its zero value (then a fixed copy; rare).
 */
export function decodeKustomization(raw: YamlValue, file: string): YamlValue {
  const walk = new DecodeWalk(false);
  if (walk.check(raw, KUSTOMIZATION) !== undefined) {
    // Go reports the first problem in its own key order: find that one.
    const message = new DecodeWalk(true).check(raw, KUSTOMIZATION)!;
    throw new KustomizeError("INVALID_KUSTOMIZATION", `invalid Kustomization: ${message}`, file);
  }
  if (!walk.folded && !walk.nulls) return raw;
  const fixed = cloneYaml(raw); // the fixes mutate, and the parsed value may be shared
  if (walk.folded) canonicalizeKeys(fixed, KUSTOMIZATION);
  if (walk.nulls) zeroNulls(fixed, KUSTOMIZATION);
  return fixed;
}

/**
 * One walk of a value as encoding/json decodes it into a Go type. Go's decoder keeps going after
 * a type mismatch and reports the first problem in the JSON's order; so the success path walks in
 * any order, and only a failure is walked again in Go's order (`sorted`) to name the same problem.
 */
class DecodeWalk {
  /** Go's errorContext: the struct whose field was entered last, and the JSON field names from the root. */
  private struct: string | undefined;
  private readonly fields: string[] = [];
  /** Some key matched its field only case-insensitively. */
  folded = false;
  /** Some null stands below a top-level field, where Go stores a zero value. */
  nulls = false;

  constructor(private readonly sorted: boolean) {}

  check(v: YamlValue, t: GoType): string | undefined {
    if (v === null) return undefined; // JSON null leaves the Go zero value
    switch (t.kind) {
      case "any":
        return undefined;
      case "string":
        return typeof v === "string" ? undefined : this.mismatch(jsonKind(v), t);
      case "bool":
        return typeof v === "boolean" ? undefined : this.mismatch(jsonKind(v), t);
      case "int": {
        if (typeof v !== "number" && typeof v !== "bigint") return this.mismatch(jsonKind(v), t);
        // Go wrote the number as String() does (both shortest round-trip, exponent below 1e-6 and
        // from 1e21 on); an int field takes only what ParseInt(text, 10, 64) accepts.
        const text = String(v);
        if (/^-?[0-9]+$/.test(text)) {
          const n = typeof v === "bigint" ? v : Number.isSafeInteger(v) ? undefined : BigInt(text);
          if (n === undefined || (n >= INT64_MIN && n <= INT64_MAX)) return undefined;
        }
        return this.mismatch(`number ${text}`, t);
      }
      case "slice":
        if (!Array.isArray(v)) return this.mismatch(jsonKind(v), t);
        for (const x of v) {
          if (x === null) this.nulls = true;
          const err = this.check(x, t.elem);
          if (err !== undefined) return err;
        }
        return undefined;
      case "map":
        if (!isMap(v)) return this.mismatch(jsonKind(v), t);
        for (const key of this.keys(v)) {
          if (v[key] === null) this.nulls = true;
          const err = this.check(v[key]!, t.elem);
          if (err !== undefined) return err;
        }
        return undefined;
      case "struct":
        if (!isMap(v)) return this.mismatch(jsonKind(v), t);
        return this.checkStruct(v, t.struct);
    }
  }

  private checkStruct(v: YamlMap, s: GoStruct): string | undefined {
    const nested = this.struct !== undefined;
    for (const key of this.keys(v)) {
      let field = s.exact.get(key);
      if (!field) {
        field = s.folded.get(foldName(key));
        if (!field) return `json: unknown field ${goQuote(key)}`;
        this.folded = true;
      }
      if (nested && v[key] === null) this.nulls = true;
      const outer = this.struct;
      this.struct = s.name;
      this.fields.push(field.json);
      const err = this.check(v[key]!, field.type);
      this.fields.pop();
      this.struct = outer;
      if (err !== undefined) return err;
    }
    return undefined;
  }

  private keys(v: YamlMap): Iterable<string> {
    return this.sorted ? Object.keys(v).sort(compareUtf8) : Object.keys(v);
  }

  private mismatch(found: string, t: GoType): string {
    const into =
      this.struct === undefined ? `Go value of type ${t.name}` : `Go struct field ${this.struct}.${this.fields.join(".")} of type ${t.name}`;
    return `json: cannot unmarshal ${found} into ${into}`;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function jsonKind(v: YamlValue): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  return Array.isArray(v) ? "array" : "object";
}

/** Go's string order (UTF-8 bytes, i.e. code points), in which encoding/json writes map keys. */
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000..U+FFFF in UTF-8, before them in UTF-16.
    if (x >= 0xd800 && y >= 0xd800) return a.codePointAt(i)! - b.codePointAt(i)!;
    return x - y;
  }
  return a.length - b.length;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const C_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

/** Go's %q (strconv.Quote): printable runes kept, the rest escaped. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x80) out += C_ESCAPES[c] ?? `\\x${c.toString(16).padStart(2, "0")}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return out + '"';
}

/** What Go stores for JSON null in a slice element or map value; null where that is nil. */
function zeroValue(t: GoType): YamlValue {
  switch (t.kind) {
    case "string":
      return "";
    case "bool":
      return false;
    case "int":
      return 0;
    case "struct":
      return {};
    default:
      return null;
  }
}

/**
 * Replaces nulls below the top level by what Go decodes them to, so later stages never meet a
 * null label, image or literal: zero values in slices (nil pointers stay null) and maps, and struct
 * fields left out (their zero value, as if absent). Only runs when such a null exists.
 */
function zeroNulls(v: YamlValue, t: GoType): void {
  if (t.kind === "slice" && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] !== null) zeroNulls(v[i]!, t.elem);
      else if (!t.elemNilable) v[i] = zeroValue(t.elem);
    }
  } else if (t.kind === "map" && isMap(v)) {
    for (const key of Object.keys(v)) {
      if (v[key] !== null) zeroNulls(v[key]!, t.elem);
      else v[key] = zeroValue(t.elem);
    }
  } else if (t.kind === "struct" && isMap(v)) {
    for (const key of Object.keys(v)) {
      const field = t.struct.exact.get(key);
      if (!field) continue;
      if (v[key] === null) delete v[key];
      else zeroNulls(v[key]!, field.type);
    }
  }
}

/**
 * Gives every struct field found through Go's case-insensitive match its JSON name, so later
 * stages read `newTag` whatever the spelling. Only runs when such a key exists. Spellings of one
 * field are decoded one after the other in Go's key order, into the same Go value: see `redecode`.
 */
function canonicalizeKeys(v: YamlValue, t: GoType): void {
  if (v === null) return;
  if (t.kind === "slice" && Array.isArray(v)) {
    for (const x of v) canonicalizeKeys(x, t.elem);
  } else if (t.kind === "map" && isMap(v)) {
    for (const key of Object.keys(v)) canonicalizeKeys(v[key]!, t.elem);
  } else if (t.kind === "struct" && isMap(v)) {
    const s = t.struct;
    const keys = Object.keys(v);
    if (keys.some((key) => !s.exact.has(key))) {
      const entries = keys.sort(compareUtf8).map((key) => [key, v[key]!] as const);
      for (const key of keys) delete v[key];
      for (const [key, x] of entries) {
        const field = s.exact.get(key) ?? s.folded.get(foldName(key))!;
        v[field.json] = field.json in v ? redecode(v[field.json]!, x, field.type, field.nilable) : x;
      }
    }
    for (const key of Object.keys(v)) canonicalizeKeys(v[key]!, s.exact.get(key)!.type);
  }
}

/**
 * What Go holds after decoding `next` into a value that already holds `prev`: null resets only
 * what can be nil; a struct takes the new fields and keeps the others; a map takes the new keys
 * and keeps the others; a slice takes the new length, its elements decoded into the old ones.
 */
function redecode(prev: YamlValue, next: YamlValue, t: GoType, nilable: boolean): YamlValue {
  if (next === null) return nilable ? null : prev;
  if (prev === null) return next;
  if (t.kind === "map" && isMap(prev) && isMap(next)) return { ...prev, ...next };
  if (t.kind === "slice" && Array.isArray(prev) && Array.isArray(next)) {
    return next.map((x, i) => (i < prev.length ? redecode(prev[i]!, x, t.elem, t.elemNilable) : x));
  }
  if (t.kind === "struct" && isMap(prev) && isMap(next)) {
    canonicalizeKeys(prev, t);
    canonicalizeKeys(next, t);
    const out: YamlMap = { ...prev };
    for (const key of Object.keys(next)) {
      const field = t.struct.exact.get(key)!;
      out[key] = key in out ? redecode(out[key]!, next[key]!, field.type, field.nilable) : next[key]!;
    }
    return out;
  }
  return next;
}
