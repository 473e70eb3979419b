import type { YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";

/**
 * kustomize edits YAML nodes, whose scalars are text plus a tag; this engine holds plain values.
 * These helpers translate: the text a node would hold, the tag a value stands for, and how yaml.v3
 * reads text back (plainly, or under a tag the node kept).
 */

export type ScalarTag = "str" | "int" | "float" | "bool" | "null";

/** The text of a scalar node holding `v`; collections have none (kyaml's empty `Value`). */
export function scalarText(v: YamlValue | undefined): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v === null) return "null";
  return "";
}

export function isCollection(v: YamlValue | undefined): v is YamlValue[] | Record<string, YamlValue> {
  return Array.isArray(v) || isMap(v);
}

/** The tag of a node holding `v`; `floatTag` says an integral number was written as a float. */
export function tagOf(v: YamlValue, floatTag = false): ScalarTag {
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (v === null) return "null";
  if (typeof v === "bigint") return "int";
  return floatTag || !Number.isInteger(v) ? "float" : "int";
}

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const NANS = new Set([".nan", ".NaN", ".NAN"]);
const INFS = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
const NEG_INFS = new Set(["-.inf", "-.Inf", "-.INF"]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** yaml.v3's resolution of an untagged plain scalar. Timestamps are left as strings. */
export function resolvePlain(text: string): { tag: ScalarTag; value: YamlValue } {
  if (NULLS.has(text)) return { tag: "null", value: null };
  if (TRUES.has(text)) return { tag: "bool", value: true };
  if (FALSES.has(text)) return { tag: "bool", value: false };
  if (NANS.has(text)) return { tag: "float", value: Number.NaN };
  if (INFS.has(text)) return { tag: "float", value: Number.POSITIVE_INFINITY };
  if (NEG_INFS.has(text)) return { tag: "float", value: Number.NEGATIVE_INFINITY };
  const c = text[0]!;
  if (c === ".") {
    const f = parseGoFloat(text);
    if (f !== undefined) return { tag: "float", value: f };
  } else if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    const plain = text.replaceAll("_", "");
    const i = parseGoInt(plain);
    if (i !== undefined) return { tag: "int", value: i };
    if (YAML_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return { tag: "float", value: f };
    }
  }
  return { tag: "str", value: text };
}

/** strconv.ParseInt(s, 0, 64), then ParseUint: sign, 0x/0o/0b prefixes, leading-0 octal. */
function parseGoInt(s: string): number | bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2]!;
  let big: bigint;
  if (/^0[0-7]+$/.test(body)) big = BigInt("0o" + body.slice(1));
  else {
    if (/^0[oO]/.test(body)) body = "0o" + body.slice(2);
    big = BigInt(body);
  }
  if (m[1] === "-") big = -big;
  if (big < -(2n ** 63n) || big > 2n ** 64n - 1n) return undefined;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function parseGoFloat(s: string): number | undefined {
  return YAML_FLOAT.test(s) ? Number(s) : undefined;
}

/**
 * yaml.v3 decoding text under the tag its node kept (kustomize copies only the text into a scalar
 * target): a float takes any number, an int only an integer, the others their own kind of text.
 * `floatTag`: the target is an integral number written as a float (`1.0`).
 */
export function decodeUnderTag(target: YamlValue, text: string, floatTag = false): YamlValue {
  const tag = tagOf(target, floatTag);
  if (tag === "str") return text;
  const r = resolvePlain(text);
  const ok = tag === "float" ? r.tag === "int" || r.tag === "float" : r.tag === tag;
  if (ok) return r.value;
  throw new Error(`map[string]interface {}(nil): yaml: cannot decode !!${r.tag} \`${text}\` as a !!${tag}`);
}

/** The one-line YAML form kyaml gives a scalar when matching list entries by regular expression. */
export function yamlScalarForm(v: YamlValue): string {
  if (typeof v !== "string") return isCollection(v) ? JSON.stringify(v) : scalarText(v);
  if (v === "" || resolvePlain(v).tag !== "str" || /^[\s\-?:,[\]{}#&*!|>'"%@`]|\s$|: | #/.test(v)) {
    return JSON.stringify(v);
  }
  return v;
}
