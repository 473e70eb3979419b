import { posix } from "node:path";
import { isMap, parseYaml11, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Kustomization } from "../types/kustomization.js";
import type { FileLoader } from "./file-loader.js";

export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

const KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
const COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";

type FieldType = "string" | "strings" | "stringMap" | "object" | "objects" | "any";

/** Every field of kustomize v5.5's Kustomization type, with the JSON shape it decodes into. */
const FIELD_TYPES: Record<string, FieldType> = {
  apiVersion: "string",
  kind: "string",
  metadata: "object",
  openapi: "stringMap",
  namePrefix: "string",
  nameSuffix: "string",
  namespace: "string",
  commonLabels: "stringMap",
  labels: "objects",
  commonAnnotations: "stringMap",
  patchesStrategicMerge: "strings",
  patchesJson6902: "objects",
  patches: "objects",
  images: "objects",
  imageTags: "objects",
  replacements: "objects",
  replicas: "objects",
  vars: "objects",
  sortOptions: "object",
  resources: "strings",
  components: "strings",
  crds: "strings",
  bases: "strings",
  configMapGenerator: "objects",
  secretGenerator: "objects",
  helmGlobals: "object",
  helmCharts: "objects",
  helmChartInflationGenerator: "objects",
  generatorOptions: "object",
  configurations: "strings",
  generators: "strings",
  transformers: "strings",
  validators: "strings",
  inventory: "object",
  buildMetadata: "strings",
};

/** Go's JSON decoder matches field names case-insensitively (`nameprefix` is namePrefix). */
const FIELD_BY_FOLDED_NAME = new Map(Object.keys(FIELD_TYPES).map((k) => [k.toLowerCase(), k]));

const GO_TYPE: Record<FieldType, string> = {
  string: "string",
  strings: "[]string",
  stringMap: "map[string]string",
  object: "object",
  objects: "[]object",
  any: "any",
};

function jsonTypeName(v: YamlValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "bigint") return "number";
  return typeof v;
}

function checkType(field: string, v: YamlValue, type: FieldType, file: string): void {
  if (v === null || type === "any") return; // JSON null decodes to the zero value
  const fail = (found: string) => {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `invalid Kustomization: json: cannot unmarshal ${found} into Go struct field Kustomization.${field} of type ${GO_TYPE[type]}`,
      file,
    );
  };
  switch (type) {
    case "string":
      if (typeof v !== "string") fail(jsonTypeName(v));
      return;
    case "strings":
      if (!Array.isArray(v)) return fail(jsonTypeName(v));
      for (const x of v) if (x !== null && typeof x !== "string") fail(jsonTypeName(x));
      return;
    case "stringMap":
      if (!isMap(v)) return fail(jsonTypeName(v));
      for (const x of Object.values(v)) if (x !== null && typeof x !== "string") fail(jsonTypeName(x));
      return;
    case "object":
      if (!isMap(v)) fail(jsonTypeName(v));
      return;
    case "objects":
      if (!Array.isArray(v)) return fail(jsonTypeName(v));
      // patchesStrategicMerge-like inline strings are allowed only where the type says so
      for (const x of v) if (x !== null && !isMap(x) && field !== "replacements") fail(jsonTypeName(x));
      return;
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
  if (!isMap(raw)) {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `invalid Kustomization: json: cannot unmarshal ${jsonTypeName(raw)} into Go value of type types.Kustomization`,
      file,
    );
  }
  const canonical: Record<string, YamlValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = FIELD_TYPES[key] ? key : FIELD_BY_FOLDED_NAME.get(key.toLowerCase());
    if (!field) {
      throw new KustomizeError("INVALID_KUSTOMIZATION", `invalid Kustomization: json: unknown field "${key}"`, file);
    }
    checkType(field, value, FIELD_TYPES[field]!, file);
    canonical[field] = value;
  }
  const k = stripNulls(canonical) as Kustomization;
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
