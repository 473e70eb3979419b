// kfctl read every YAML file with gopkg.in/yaml.v2 (YAML 1.1 typing) and converted the result to
// JSON the ghodss/yaml way. This module reproduces that first step: the first document of a text
// as the Go values yaml.v2 decodes into `interface{}`, with map keys already stringified as
// ghodss does (a null or collection key is an error).

import { type Document, type Node, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import { formatFloat32 } from "./go-format.js";

/** A YAML integer: yaml.v2 decodes to int/int64 when it fits, uint64 when only that fits. */
export class GoInt {
  constructor(readonly value: bigint) {}
}

/** A YAML float (float64). NaN and ±Inf included. */
export class GoFloat {
  constructor(readonly value: number) {}
}

export type GoMap = Map<string, GoValue>;
export type GoValue = string | boolean | null | GoInt | GoFloat | GoValue[] | GoMap;

export class GoYamlError extends Error {
  override readonly name = "GoYamlError";
}

const BOOLS = new Map<string, boolean>();
for (const w of ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]) BOOLS.set(w, true);
for (const w of ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"]) BOOLS.set(w, false);
const NULLS = new Set(["~", "null", "Null", "NULL"]);
const SPECIAL_FLOATS = new Map<string, number>([
  [".nan", NaN], [".NaN", NaN], [".NAN", NaN],
  [".inf", Infinity], [".Inf", Infinity], [".INF", Infinity],
  ["+.inf", Infinity], ["+.Inf", Infinity], ["+.INF", Infinity],
  ["-.inf", -Infinity], ["-.Inf", -Infinity], ["-.INF", -Infinity],
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (sign, 0x/0o/0b prefixes, leading-0 octal). */
function parseGoInteger(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  let re = /^[0-9]+$/;
  let prefix = "";
  if (/^0[xX]/.test(body)) {
    prefix = "0x";
    body = body.slice(2);
    re = /^[0-9a-fA-F]+$/;
  } else if (/^0[oO]/.test(body)) {
    prefix = "0o";
    body = body.slice(2);
    re = /^[0-7]+$/;
  } else if (/^0[bB]/.test(body)) {
    prefix = "0b";
    body = body.slice(2);
    re = /^[01]+$/;
  } else if (body.length > 1 && body[0] === "0") {
    prefix = "0o";
    body = body.slice(1);
    re = /^[0-7]+$/;
  }
  if (!re.test(body)) return undefined;
  let v = BigInt(prefix ? prefix + body : body);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

/** How yaml.v2 types a plain, untagged scalar (timestamps stay strings when decoded to interface{}). */
export function resolvePlain(s: string): GoValue {
  if (s === "" || NULLS.has(s)) return null;
  const c = s.charCodeAt(0);
  const b = BOOLS.get(s);
  if (b !== undefined) return b;
  const sf = SPECIAL_FLOATS.get(s);
  if (sf !== undefined) return new GoFloat(sf);
  if (c === 46 /* . */) return DOT_FLOAT.test(s) ? new GoFloat(Number(s)) : s;
  const isDigit = c >= 48 && c <= 57;
  if (!isDigit && c !== 43 && c !== 45) return s;
  const plain = s.includes("_") ? s.replace(/_/g, "") : s;
  const i = parseGoInteger(plain, true) ?? parseGoInteger(plain, false);
  if (i !== undefined) return new GoInt(i);
  if (YAML_STYLE_FLOAT.test(plain)) return new GoFloat(Number(plain));
  if (plain.startsWith("0b") && /^0b[01]+$/.test(plain)) return new GoInt(BigInt(plain));
  if (plain.startsWith("-0b") && /^-0b[01]+$/.test(plain)) return new GoInt(-BigInt(plain.slice(1)));
  return s;
}

const STD_TAG = "tag:yaml.org,2002:";

/** The Go value of a scalar node: quoted, block and `!!str` scalars are strings. */
export function scalarValue(node: { value: unknown; type?: string; tag?: string }): GoValue {
  const text = node.value === null || node.value === undefined ? "" : String(node.value);
  if (node.type !== "PLAIN") return text;
  const tag = node.tag;
  if (tag === undefined) return resolvePlain(text);
  if (tag === STD_TAG + "str" || tag === "!") return text;
  if (tag === STD_TAG + "null") return null;
  if (tag.startsWith(STD_TAG)) return resolvePlain(text);
  return text;
}

/** ghodss: map keys become strings (ints in decimal, floats as FormatFloat 32, bools as words). */
export function keyString(k: GoValue): string {
  if (typeof k === "string") return k;
  if (typeof k === "boolean") return k ? "true" : "false";
  if (k instanceof GoInt) return k.value.toString();
  if (k instanceof GoFloat) {
    const s = formatFloat32(k.value);
    return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
  }
  throw new GoYamlError(k === null ? "unsupported map key: null" : "unsupported map key: a collection");
}

class Converter {
  private readonly seen = new Map<Node, GoValue>();
  private depth = 0;
  constructor(private readonly doc: Document) {}

  value(node: unknown): GoValue {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new GoYamlError(`unknown anchor ${node.source}`);
      return this.value(target);
    }
    const cached = this.seen.get(node as Node);
    if (cached !== undefined) return cached;
    if (++this.depth > 10_000) throw new GoYamlError("document nested too deeply");
    try {
      let v: GoValue;
      if (isScalar(node)) v = scalarValue(node as { value: unknown; type?: string; tag?: string });
      else if (isSeq(node)) v = node.items.map((it) => this.value(it));
      else if (isMap(node)) v = this.map(node.items as { key: unknown; value: unknown }[]);
      else throw new GoYamlError("unsupported YAML node");
      if (typeof v === "object" && v !== null) this.seen.set(node as Node, v);
      return v;
    } finally {
      this.depth--;
    }
  }

  private map(items: { key: unknown; value: unknown }[]): GoMap {
    const out: GoMap = new Map();
    for (const { key, value } of items) {
      if (isScalar(key) && key.type === "PLAIN" && key.tag === undefined && key.value === "<<") {
        this.merge(out, value);
        continue;
      }
      out.set(keyString(this.value(key)), this.value(value));
    }
    return out;
  }

  /** yaml.v2 merge keys: a mapping, or a sequence of mappings where earlier ones win. */
  private merge(out: GoMap, node: unknown): void {
    const v = this.value(node);
    const maps = Array.isArray(v) ? [...v].reverse() : [v];
    for (const m of maps) {
      if (!(m instanceof Map)) throw new GoYamlError("map merge requires map or sequence of maps as the value");
      for (const [k, mv] of m) out.set(k, mv);
    }
  }
}

/**
 * The first document of `text` as yaml.v2 + ghodss see it; `null` for an empty stream or document.
 * Throws GoYamlError for YAML that does not parse or keys ghodss cannot convert.
 */
export function readFirstDocument(text: string): GoValue {
  const docs = parseAllDocuments(text, { schema: "failsafe", version: "1.1", uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const first = list[0];
  if (!first) return null;
  if (first.errors.length) throw new GoYamlError(first.errors[0]!.message.split("\n")[0]!);
  return new Converter(first).value(first.contents);
}

export function isGoMap(v: GoValue | undefined): v is GoMap {
  return v instanceof Map;
}
