import type { YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import type { ResId } from "../resource/res-id.js";
import { isClusterScoped } from "../resource/scope.js";

/**
 * Go's `%q` for a string: kustomize's messages quote paths and sources this way, so an error
 * names `"=f"` exactly as kubectl does.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** Go's `%v` of a `[]string`: `[a b c]`. */
export function goList(items: readonly string[]): string {
  return `[${items.join(" ")}]`;
}

/** Go's `%#v` of a kustomize ResId, as the generator-merge errors print it. */
export function goResIdLiteral(id: ResId): string {
  return (
    `resid.ResId{Gvk:resid.Gvk{Group:${goQuote(id.group)}, Version:${goQuote(id.version)}, ` +
    `Kind:${goQuote(id.kind)}, isClusterScoped:${isClusterScoped(id)}}, ` +
    `Name:${goQuote(id.name)}, Namespace:${goQuote(id.namespace)}}`
  );
}

/** Compares as Go compares strings (UTF-8 bytes, i.e. code points), not as UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after the rest of the BMP in UTF-8 order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Go's `encoding/json` escaping of a string, HTML-safe as json.Marshal is. */
function goJsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 0x0a ? "\\n" : c === 0x0d ? "\\r" : c === 0x09 ? "\\t" : c === 0x08 ? "\\b" : c === 0x0c ? "\\f" : undefined;
      esc ??= "\\u00" + c.toString(16).padStart(2, "0");
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = "\\\\";
    else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      esc = "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is not valid UTF-8; Go would see U+FFFD there.
      const pair =
        c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    }
    if (esc === undefined) continue;
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/**
 * `json.Marshal` of a value that went through Go's `interface{}` decoding: numbers are float64,
 * map keys sorted bytewise. JavaScript's number formatting equals Go's float64 formatting
 * (both switch to exponent form below 1e-6 and from 1e21).
 */
export function goJson(v: YamlValue): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return goJsonString(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return String(Number(v));
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareCodePoints);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k]!)}`).join(",")}}`;
  }
  return "null";
}
