import { isMap, parseAllDocuments, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { FieldSpec } from "../types/kustomization.js";
import { loadConfigFromCrds } from "./config-from-crds.js";
import { builtinTransformerConfig } from "./default-config.js";
import { FIELD_SPEC_TABLES, emptyTransformerConfig, mergeTransformerConfig, sortFieldSpecs } from "./merge-config.js";
import type { NameBackReference, TransformerConfig } from "./transformer-config.js";

function fail(file: string | undefined, msg: string): never {
  throw new KustomizeError("INVALID_KUSTOMIZATION", file ? `${file}: ${msg}` : msg, file);
}

function str(v: YamlValue | undefined, what: string, file: string | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") fail(file, `json: cannot unmarshal ${typeName(v)} into Go struct field ${what} of type string`);
  return v;
}

function typeName(v: YamlValue): string {
  if (Array.isArray(v)) return "array";
  if (isMap(v)) return "object";
  return typeof v === "bigint" ? "number" : typeof v;
}

function parseFieldSpec(v: YamlValue, file: string | undefined): FieldSpec {
  if (!isMap(v)) fail(file, `json: cannot unmarshal ${v === null ? "null" : typeName(v)} into Go value of type types.FieldSpec`);
  const fs: FieldSpec = { path: str(v.path, "FieldSpec.path", file) ?? "" };
  const group = str(v.group, "FieldSpec.group", file);
  const version = str(v.version, "FieldSpec.version", file);
  const kind = str(v.kind, "FieldSpec.kind", file);
  if (group) fs.group = group;
  if (version) fs.version = version;
  if (kind) fs.kind = kind;
  if (v.create !== undefined && v.create !== null) {
    if (typeof v.create !== "boolean") fail(file, `json: cannot unmarshal ${typeName(v.create)} into Go struct field FieldSpec.create of type bool`);
    if (v.create) fs.create = true;
  }
  return fs;
}

function list(v: YamlValue | undefined, what: string, file: string | undefined): YamlValue[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(file, `json: cannot unmarshal ${typeName(v)} into Go struct field TransformerConfig.${what} of type []`);
  return v;
}

function parseBackRef(v: YamlValue, file: string | undefined): NameBackReference {
  if (!isMap(v)) fail(file, "json: cannot unmarshal into Go value of type builtinconfig.NameBackReferences");
  const nbr: NameBackReference = {
    kind: str(v.kind, "NameBackReferences.kind", file) ?? "",
    fieldSpecs: list(v.fieldSpecs, "nameReference.fieldSpecs", file).map((x) => parseFieldSpec(x, file)),
  };
  const group = str(v.group, "NameBackReferences.group", file);
  const version = str(v.version, "NameBackReferences.version", file);
  if (group) nbr.group = group;
  if (version) nbr.version = version;
  return nbr;
}

/**
 * A `configurations:` file's YAML as a TransformerConfig (kustomize's
 * makeTransformerConfigFromBytes: unknown keys ignored, each table sorted, nothing de-duplicated).
 */
export function parseTransformerConfig(text: string, file?: string): TransformerConfig {
  let docs: YamlValue[];
  try {
    docs = parseAllDocuments(text, { file });
  } catch (e) {
    fail(file, (e as Error).message);
  }
  const out = emptyTransformerConfig();
  const doc = docs[0];
  if (doc === undefined || doc === null) return out;
  if (!isMap(doc)) fail(file, `json: cannot unmarshal ${typeName(doc)} into Go value of type builtinconfig.TransformerConfig`);
  for (const t of FIELD_SPEC_TABLES) {
    out[t] = sortFieldSpecs(list(doc[t], t, file).map((x) => parseFieldSpec(x, file)));
  }
  out.nameReference = sortFieldSpecs(list(doc.nameReference, "nameReference", file).map((x) => parseBackRef(x, file)));
  return out;
}

/** One `configurations:` file, read through the kustomization's loader (so load restrictions apply). */
export function loadTransformerConfigFile(loader: FileLoader, path: string): TransformerConfig {
  const text = loader.readFile(path);
  return mergeTransformerConfig(emptyTransformerConfig(), parseTransformerConfig(text, loader.resolvePath(path)));
}

/**
 * kustomize's MakeTransformerConfig for one kustomization: the built-in tables with its
 * `configurations:` merged in (entries containing a newline are inline YAML, the rest are files,
 * merged into each other first), then what its `crds:` imply. The build merges this into the
 * accumulator's config *after* the kustomization's resources have been accumulated, starting
 * from an empty config (that merge is where kustomize drops specs that a more specific one covers).
 */
export function makeTransformerConfig(
  loader: FileLoader,
  configurations: readonly string[],
  crds: readonly string[] = [],
): TransformerConfig {
  return crds.length === 0
    ? withConfigurations(loader, configurations)
    : mergeTransformerConfig(withConfigurations(loader, configurations), loadConfigFromCrds(loader, crds));
}

/** Every `configurations:` entry is a file: kubectl (kustomize v5.5) has no inline form and fails on one. */
function withConfigurations(loader: FileLoader, configurations: readonly string[]): TransformerConfig {
  const config = builtinTransformerConfig();
  if (configurations.length === 0) return config;
  let fromFiles = emptyTransformerConfig();
  for (const path of configurations) {
    fromFiles = mergeTransformerConfig(fromFiles, parseTransformerConfig(loader.readFile(path), loader.resolvePath(path)));
  }
  return mergeTransformerConfig(config, fromFiles);
}
