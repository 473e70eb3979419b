// Scalar typing for the two ways kustomize reads YAML: resources through kyaml (go-yaml v3 into
// interface{}), kustomization files through sigs.k8s.io/yaml (go-yaml v2, then JSON).

import { YamlError } from "./errors.js";
import { formatGoFloatG } from "./go-numbers.js";
import type { ErrorSite, Typing } from "./parse.js";
import { type Resolved, resolveV2, resolveV3 } from "./resolve.js";
import { goTimestamp } from "./timestamp.js";
import type { YamlValue } from "./values.js";

function intValue(v: number | bigint): number | bigint {
  if (typeof v === "number") return v;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

function value(r: Resolved, text: string, v2: boolean): YamlValue {
  switch (r.t) {
    case "str": return text;
    case "null": return null;
    case "bool": return r.v;
    case "int": return intValue(r.v);
    case "float": return r.v;
    case "ts": return v2 ? text : r.v;
  }
}

function tagged(tag: string, text: string, p: ErrorSite, resolve: (s: string) => Resolved, v2: boolean): YamlValue {
  const want = (t: string): never => p.fail(`cannot decode ${describe(resolve(text))} \`${text}\` as a ${t}`);
  switch (tag) {
    case "!!str":
    case "!":
      return text;
    case "!!int": {
      const r = resolve(text);
      if (r.t !== "int") want(tag);
      return value(r, text, v2);
    }
    case "!!float": {
      const r = resolve(text);
      if (r.t === "int") return Number(r.v);
      if (r.t !== "float") want(tag);
      return value(r, text, v2);
    }
    case "!!bool": {
      const r = resolve(text);
      if (r.t !== "bool") want(tag);
      return value(r, text, v2);
    }
    case "!!null": {
      const r = resolve(text);
      if (r.t !== "null") want(tag);
      return null;
    }
    case "!!timestamp": {
      const ts = goTimestamp(text);
      if (ts === undefined) want(tag);
      return v2 ? text : ts!;
    }
    case "!!binary":
      return Buffer.from(text.replace(/[\s]/g, ""), "base64").toString("utf8");
    case "!!map":
    case "!!seq":
      return p.fail(`cannot decode !!str \`${text}\` as a ${tag}`);
  }
  // Unknown tags leave the text as a string.
  return text;
}

function describe(r: Resolved): string {
  return r.t === "ts" ? "!!timestamp" : `!!${r.t}`;
}

/** Whether a plain scalar can be anything but a string: only by its first character. */
function mayResolve(text: string): boolean {
  const c = text.charCodeAt(0);
  // digits, + - . ~ and the initials of true/false/null (v3 knows no yes/no/on/off)
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 ||
    c === 116 || c === 84 || c === 102 || c === 70 || c === 110 || c === 78 || text.length === 0;
}

const NON_STRING_KEY = "json: unsupported type: map[interface {}]interface {}";

/** Resources: go-yaml v3 typing, duplicate keys rejected, non-string keys only at the root. */
export const RESOURCE_TYPING: Typing = {
  plain: (text) => (mayResolve(text) ? value(resolveV3(text), text, false) : text),
  tagged: (tag, text, _plain, p) => tagged(tag, text, p, resolveV3, false),
  plainKey(text, root) {
    if (!mayResolve(text)) return text;
    const r = resolveV3(text);
    if (r.t === "str") return text;
    // The root map decodes into map[string]interface{}: any scalar key but null keeps its text.
    if (root && r.t !== "null") return text;
    if (root) throw new YamlError(`yaml: unmarshal errors:\n  cannot unmarshal !!null \`${text}\` into string`);
    // Nested maps with a non-string key become map[interface{}]interface{}, which JSON refuses.
    throw new YamlError(NON_STRING_KEY);
  },
  taggedKey(tag, value, text, root, p) {
    // go-yaml v3 decodes a nested map into map[string]interface{} only when every key's tag is
    // !!str: a custom or !!binary tag makes a non-string key even where the value is a string.
    if (tag === "!!str" || tag === "!" || root) return typeof value === "string" ? value : this.plainKey(text, root, p);
    throw new YamlError(NON_STRING_KEY);
  },
  rejectDuplicates: true,
  emptyFlowValue: "",
  kyamlMerges: true,
  kyamlStream: true,
};

/** Kustomization files: go-yaml v2 (YAML 1.1) typing, keys converted as sigs.k8s.io/yaml does. */
export const KUSTOMIZATION_TYPING: Typing = {
  plain(text) {
    const v = value(resolveV2(text), text, true);
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new YamlError(`json: unsupported value: ${Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"}`);
    }
    return v;
  },
  tagged: (tag, text, _plain, p) => tagged(tag, text, p, resolveV2, true),
  taggedKey(_tag, value, text, _root, p) {
    return typeof value === "string" ? value : this.plainKey(text, false, p);
  },
  plainKey(text) {
    const r = resolveV2(text);
    switch (r.t) {
      case "str":
      case "ts":
        return text;
      case "bool":
        return r.v ? "true" : "false";
      case "int":
        if (typeof r.v === "number" || (r.v >= -(2n ** 63n) && r.v < 2n ** 63n)) return r.v.toString();
        break;
      case "float":
        return formatGoFloatG(Math.fround(r.v)).replace("+Inf", ".inf").replace("-Inf", "-.inf").replace("NaN", ".nan");
    }
    throw new YamlError(`unsupported map key: ${JSON.stringify(text)}`);
  },
  // sigs.k8s.io/yaml reads kustomization files non-strictly: the last duplicate key wins.
  rejectDuplicates: false,
  emptyFlowValue: null,
  kyamlMerges: false,
  kyamlStream: false,
};
