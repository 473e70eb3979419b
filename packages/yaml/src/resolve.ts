// How go-yaml types a plain scalar. v3 (kyaml, reading resources) and v2 (sigs.k8s.io/yaml,
// reading kustomization files and re-reading kustomize's JSON before printing) differ mainly in
// booleans: v3 knows only true/false, v2 also y/yes/on/n/no/off in their three spellings.

import { SMALL_DECIMAL, YAML_STYLE_FLOAT, parseGoInt } from "./go-numbers.js";
import { goTimestamp } from "./timestamp.js";

const V2_WORDS = new Map<string, boolean | null | number>();
for (const w of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) V2_WORDS.set(w, true);
for (const w of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) V2_WORDS.set(w, false);
for (const w of ["~", "null", "Null", "NULL"]) V2_WORDS.set(w, null);
for (const w of [".nan", ".NaN", ".NAN"]) V2_WORDS.set(w, NaN);
for (const w of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) V2_WORDS.set(w, Infinity);
for (const w of ["-.inf", "-.Inf", "-.INF"]) V2_WORDS.set(w, -Infinity);

const V3_WORDS = new Map<string, boolean | null | number>();
for (const w of ["true", "True", "TRUE"]) V3_WORDS.set(w, true);
for (const w of ["false", "False", "FALSE"]) V3_WORDS.set(w, false);
for (const w of ["~", "null", "Null", "NULL"]) V3_WORDS.set(w, null);
for (const w of [".nan", ".NaN", ".NAN"]) V3_WORDS.set(w, NaN);
for (const w of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) V3_WORDS.set(w, Infinity);
for (const w of ["-.inf", "-.Inf", "-.INF"]) V3_WORDS.set(w, -Infinity);

/** Go's ParseFloat for text starting with '.', as go-yaml tries it: decimal only, finite. */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** First characters that make go-yaml look further than "it is a string". */
function hint(c: number): number {
  // D: digit, S: sign, M: word table, '.': float
  if (c >= 48 && c <= 57) return 68;
  if (c === 43 || c === 45) return 83;
  if (c === 46) return 46;
  switch (c) {
    case 121: case 89: case 110: case 78: case 116: case 84: case 102: case 70: case 111: case 79: case 126:
      return 77;
  }
  return 0;
}

export type Resolved =
  | { t: "str" }
  | { t: "null" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: number | bigint }
  | { t: "float"; v: number }
  | { t: "ts"; v: string };

const STR: Resolved = { t: "str" };
const NULL: Resolved = { t: "null" };

function resolveNumeric(s: string): Resolved {
  const ts = goTimestamp(s);
  if (ts !== undefined) return { t: "ts", v: ts };
  const plain = s.includes("_") ? s.replace(/_/g, "") : s;
  if (SMALL_DECIMAL.test(plain)) return { t: "int", v: Number(plain) };
  const i = parseGoInt(plain);
  if (i.value !== undefined) return { t: "int", v: i.value };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { t: "float", v: f };
  }
  // go-yaml retries "0b…"/"-0b…" in base 2 after this; ParseInt base 0 already covered those.
  // A 0x/0o/0b literal out of 64-bit range is left a string (kubectl agrees, in both readers).
  return STR;
}

function resolveWith(words: Map<string, boolean | null | number>, s: string): Resolved {
  if (s === "") return NULL;
  const h = hint(s.charCodeAt(0));
  if (h === 0) return STR;
  const w = words.get(s);
  if (w !== undefined) {
    if (w === null) return NULL;
    if (typeof w === "boolean") return { t: "bool", v: w };
    return { t: "float", v: w };
  }
  if (h === 46) {
    if (DOT_FLOAT.test(s)) {
      const f = Number(s);
      if (Number.isFinite(f)) return { t: "float", v: f };
    }
    return STR;
  }
  if (h === 77) return STR;
  return resolveNumeric(s);
}

/** go-yaml v3's reading of a plain scalar (resources, via kyaml). */
export function resolveV3(s: string): Resolved {
  return resolveWith(V3_WORDS, s);
}

/**
 * Whether go-yaml v3 reads `s`, written plain, back as a string: kyaml writes the map keys its
 * label and annotation filters set that way, and a key that reads back as a number, boolean, null
 * or timestamp makes the resource unprintable (a map with non-string keys).
 */
export function v3PlainIsString(s: string): boolean {
  return s !== "" && resolveV3(s).t === "str";
}

/** go-yaml v2's reading of a plain scalar (kustomization files). Timestamps stay strings there. */
export function resolveV2(s: string): Resolved {
  return resolveWith(V2_WORDS, s);
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Whether go-yaml v2's encoder may print `s` as a plain scalar as far as typing goes: it must
 * read back as a string and not look like a YAML 1.1 base-60 number.
 */
export function v2PlainIsString(s: string): boolean {
  if (s === "") return false;
  const c = s.charCodeAt(0);
  const h = hint(c);
  if (h === 0) return true;
  if (resolveWith(V2_WORDS, s).t !== "str") return false;
  if ((h === 68 || h === 83) && s.includes(":") && BASE60.test(s)) return false;
  return true;
}
