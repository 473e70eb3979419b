import { isMap, parseAllDocuments, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { FieldSpec } from "../types/kustomization.js";
import { emptyTransformerConfig, mergeFieldSpec, mergeTransformerConfig } from "./merge-config.js";
import type { TransformerConfig } from "./transformer-config.js";

// OpenAPI extensions on a CRD type's properties that teach kustomize where its names,
// annotations and selectors live (the `crds:` field).
const X_ANNOTATION = "x-kubernetes-annotation";
const X_LABEL_SELECTOR = "x-kubernetes-label-selector";
const X_IDENTITY = "x-kubernetes-identity";
const X_REF_VERSION = "x-kubernetes-object-ref-api-version";
const X_REF_KIND = "x-kubernetes-object-ref-kind";
const X_REF_NAME_KEY = "x-kubernetes-object-ref-name-key";

type Definitions = Record<string, YamlValue>;

function properties(defs: Definitions, typeName: string): YamlMap | undefined {
  const def = defs[typeName];
  if (!isMap(def) || !isMap(def.Schema)) return undefined;
  const props = def.Schema.properties;
  return isMap(props) ? props : undefined;
}

/** Walks one type's properties (and the types they `$ref`), adding field specs for the CRD kind. */
function addType(config: TransformerConfig, kind: string, defs: Definitions, typeName: string, path: string[]): void {
  const props = properties(defs, typeName);
  if (!props) return;
  for (const [name, prop] of Object.entries(props)) {
    if (!isMap(prop)) continue;
    const fs = (...p: string[]): FieldSpec => ({ kind, path: [...path, ...p].join("/") });
    if (typeof prop[X_ANNOTATION] === "string") config.commonAnnotations = mergeFieldSpec(config.commonAnnotations, fs(name));
    if (typeof prop[X_LABEL_SELECTOR] === "string") config.commonLabels = mergeFieldSpec(config.commonLabels, fs(name));
    if (typeof prop[X_IDENTITY] === "string") config.namePrefix = mergeFieldSpec(config.namePrefix, fs(name));
    const refVersion = prop[X_REF_VERSION];
    const refKind = prop[X_REF_KIND];
    if (typeof refVersion === "string" && typeof refKind === "string") {
      const nameKey = typeof prop[X_REF_NAME_KEY] === "string" ? (prop[X_REF_NAME_KEY] as string) : "name";
      const other = emptyTransformerConfig();
      other.nameReference = [{ kind: refKind, ...(refVersion ? { version: refVersion } : {}), fieldSpecs: [fs(name, nameKey)] }];
      const merged = mergeTransformerConfig(config, other);
      config.nameReference = merged.nameReference;
    }
    if (typeof prop.$ref === "string" && prop.$ref !== "") addType(config, kind, defs, prop.$ref, [...path, name]);
  }
}

function looksLikeK8sType(props: YamlMap | undefined): boolean {
  return !!props && "kind" in props && "apiVersion" in props && "metadata" in props;
}

/** The field specs one `crds:` file (OpenAPI definitions keyed by Go type name) implies. */
export function configFromCrdDefinitions(text: string, file?: string): TransformerConfig {
  let doc: YamlValue | undefined;
  try {
    doc = text.startsWith("{") ? (JSON.parse(text) as YamlValue) : parseAllDocuments(text, { file })[0];
  } catch (e) {
    throw new KustomizeError("INVALID_KUSTOMIZATION", `unable to parse open API definition from '${file}': ${(e as Error).message}`, file);
  }
  let result = emptyTransformerConfig();
  if (!isMap(doc)) return result;
  for (const typeName of Object.keys(doc)) {
    if (!looksLikeK8sType(properties(doc, typeName))) continue;
    const kind = typeName.split(".").pop()!;
    const one = emptyTransformerConfig();
    addType(one, kind, doc, typeName, []);
    result = mergeTransformerConfig(result, one);
  }
  return result;
}

/** kustomize's LoadConfigFromCRDs: every `crds:` file's field specs, merged. */
export function loadConfigFromCrds(loader: FileLoader, paths: readonly string[]): TransformerConfig {
  let config = emptyTransformerConfig();
  for (const path of paths) {
    config = mergeTransformerConfig(config, configFromCrdDefinitions(loader.readFile(path), loader.resolvePath(path)));
  }
  return config;
}
