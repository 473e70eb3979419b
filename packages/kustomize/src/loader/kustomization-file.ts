import { posix } from "node:path";
import { parseYaml11, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Kustomization } from "../types/kustomization.js";
import type { FileLoader } from "./file-loader.js";
import { decodeKustomization } from "./kustomization-decode.js";

export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

const KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
const COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";

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
  raw = decodeKustomization(raw, file);
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
