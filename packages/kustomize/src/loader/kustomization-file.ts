import { posix } from "node:path";
import { cloneYaml, isMap, parseYaml11, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Kustomization } from "../types/kustomization.js";
import type { FileLoader } from "./file-loader.js";
import { type GoStruct, type GoType, KUSTOMIZATION, foldName } from "./kustomization-schema.js";

export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

const KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
const COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";

/**
 * One walk of a kustomization value as Go's encoding/json decodes it into the schema's types.
 * kustomize decodes the file after sigs.k8s.io/yaml turned it into JSON (map keys sorted), unknown
 * fields disallowed; Go's decoder keeps going after a type mismatch and reports the first problem
 * in the JSON's order. So the success path walks in any order, and only a failure is walked again
 * in Go's order (`sorted`) to name the same problem.
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
        // encoding/json writes the number as JS does (exponent from 1e21 on), then ParseInt's it.
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
    const pointers = t.name.startsWith("[]*");
    for (let i = 0; i < v.length; i++) {
      if (v[i] !== null) zeroNulls(v[i]!, t.elem);
      else if (!pointers) v[i] = zeroValue(t.elem);
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
 * stages read `newTag` whatever the spelling. Among spellings of one field the last in Go's key
 * order wins, as its value is decoded last. Only runs when such a key exists.
 */
function canonicalizeKeys(v: YamlValue, t: GoType): void {
  if (v === null) return;
  if (t.kind === "slice" && Array.isArray(v)) {
    for (const x of v) canonicalizeKeys(x, t.elem);
  } else if (t.kind === "map" && isMap(v)) {
    for (const key of Object.keys(v)) canonicalizeKeys(v[key]!, t.elem);
  } else if (t.kind === "struct" && isMap(v)) {
    const s = t.struct;
    for (const key of Object.keys(v).sort(compareUtf8)) {
      const field = s.exact.get(key) ?? s.folded.get(foldName(key))!;
      if (key !== field.json) {
        v[field.json] = v[key]!;
        delete v[key];
      }
      canonicalizeKeys(v[field.json]!, field.type);
    }
  }
}

export interface LoadedKustomization {
  kustomization: Kustomization;
  /** Absolute path of the kustomization file. */
  file: string;
  /** Deprecation notices kustomize prints on stderr. */
  warnings: string[];
}

/** Finds, parses, validates and normalizes the kustomization file of the loader's root. */
export function loadKustomizationFile(loader: FileLoader): LoadedKustomization {
  const present = KUSTOMIZATION_FILE_NAMES.filter((n) => loader.fs.exists(posix.join(loader.root, n)) && !loader.fs.isDirectory(posix.join(loader.root, n)));
  if (present.length === 0) {
    throw new KustomizeError(
      "NO_KUSTOMIZATION",
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${loader.root}'`,
      loader.root,
    );
  }
  if (present.length > 1) {
    throw new KustomizeError("MULTIPLE_KUSTOMIZATIONS", `Found multiple kustomization files under: ${loader.root}`, loader.root);
  }
  const file = posix.join(loader.root, present[0]!);
  const text = loader.readFile(present[0]!);
  let raw: YamlValue;
  try {
    raw = parseYaml11(text, { file });
  } catch (e) {
    const line = (e as { line?: number }).line;
    throw new KustomizeError("YAML_SYNTAX", `invalid Kustomization: ${(e as Error).message}`, file, line);
  }
  if (raw === null || raw === undefined) raw = {};
  const walk = new DecodeWalk(false);
  if (walk.check(raw, KUSTOMIZATION) !== undefined) {
    // Go reports the first problem in its own key order: find that one.
    const message = new DecodeWalk(true).check(raw, KUSTOMIZATION)!;
    throw new KustomizeError("INVALID_KUSTOMIZATION", `invalid Kustomization: ${message}`, file);
  }
  if (walk.folded || walk.nulls) {
    raw = cloneYaml(raw); // the fixes below mutate, and the parsed value may be shared
    if (walk.folded) canonicalizeKeys(raw, KUSTOMIZATION);
    if (walk.nulls) zeroNulls(raw, KUSTOMIZATION);
  }
  const k = stripNulls(raw as YamlMap) as Kustomization;
  if (isEmpty(k)) throw new KustomizeError("INVALID_KUSTOMIZATION", "kustomization.yaml is empty", file);
  const warnings = deprecationWarnings(k);
  normalize(k);
  const errs: string[] = [];
  if (k.kind !== "Kustomization" && k.kind !== "Component") errs.push("kind should be Kustomization or Component");
  const required = k.kind === "Component" ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.apiVersion !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length) {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `Failed to read kustomization file under ${loader.root}:\n${errs.join("\n")}`,
      file,
    );
  }
  return { kustomization: k, file, warnings };
}

/** JSON null decodes to a Go zero value: treat `field: null` (or `~`) as absent. */
function stripNulls(m: Record<string, YamlValue>): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  for (const [k, v] of Object.entries(m)) if (v !== null) out[k] = v;
  return out;
}

/**
 * kustomize's CheckEmpty: after FixKustomization, nothing but kind, apiVersion and zero values.
 * An empty list or map counts as content (Go keeps it non-nil), except in the three deprecated
 * fields the fix folds away (appending an empty list to nil leaves nil).
 */
function isEmpty(k: Kustomization): boolean {
  for (const [key, v] of Object.entries(k)) {
    if (key === "kind" || key === "apiVersion" || v === "") continue;
    if ((key === "bases" || key === "imageTags" || key === "helmChartInflationGenerator") && Array.isArray(v) && !v.length) continue;
    return false;
  }
  return true;
}

function deprecationWarnings(k: Kustomization): string[] {
  const fix = "Run 'kustomize edit fix' to update your Kustomization automatically.";
  const w: string[] = [];
  if (k.commonLabels) w.push(`# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. ${fix}`);
  if (k.bases) w.push(`# Warning: 'bases' is deprecated. Please use 'resources' instead. ${fix}`);
  if (k.imageTags) w.push(`# Warning: 'imageTags' is deprecated. Please use 'images' instead. ${fix}`);
  if (k.patchesJson6902) w.push(`# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${fix}`);
  if (k.patchesStrategicMerge) w.push(`# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${fix}`);
  if (k.vars) w.push(`# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${fix}`);
  return w;
}

/** kustomize's FixKustomization: defaults, and deprecated fields folded into their successors. */
function normalize(k: Kustomization): void {
  k.kind ??= "Kustomization";
  if (!k.apiVersion) k.apiVersion = k.kind === "Component" ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.bases) {
    k.resources = [...(k.resources ?? []), ...k.bases];
    delete k.bases;
  }
  if (k.imageTags) {
    k.images = [...(k.images ?? []), ...k.imageTags];
    delete k.imageTags;
  }
  for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    if (g.env) {
      g.envs = [...(g.envs ?? []), g.env];
      delete g.env;
    }
  }
}
