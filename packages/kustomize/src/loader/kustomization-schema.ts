// The Go types `kubectl kustomize` (Kustomize v5.5.0) decodes a kustomization file into, with
// encoding/json's field names, from kustomize's api/types and kyaml/resid. Field sets were checked
// against kubectl one by one: fields of later kustomize releases (Kustomization.inventory,
// HelmChart.devel/digest, GeneratorArgs.immutable, KvPairSources.ageIdentities,
// SecretArgs.stringData, GeneratorOptions.fileMerge, Label.includeVolumeClaimTemplates) are
// unknown to it and so rejected by its strict decoder.
//
// Types are written as Go's reflect prints them, since that text is what error messages show.
// `inline` lists embedded structs (`json:",inline"` has no name, so Go promotes their fields);
// a promoted field reports the outer struct's name in errors, so they are flattened into it.

interface StructSpec {
  inline?: string[];
  fields: Record<string, string>;
}

export const KUSTOMIZATION_TYPE = "types.Kustomization";

const STRUCTS: Record<string, StructSpec> = {
  "types.Kustomization": {
    inline: ["types.TypeMeta"],
    fields: {
      metadata: "*types.ObjectMeta",
      openapi: "map[string]string",
      namePrefix: "string",
      nameSuffix: "string",
      namespace: "string",
      commonLabels: "map[string]string",
      labels: "[]types.Label",
      commonAnnotations: "map[string]string",
      patchesStrategicMerge: "[]types.PatchStrategicMerge",
      patchesJson6902: "[]types.Patch",
      patches: "[]types.Patch",
      images: "[]types.Image",
      imageTags: "[]types.Image",
      replacements: "[]types.ReplacementField",
      replicas: "[]types.Replica",
      vars: "[]types.Var",
      sortOptions: "*types.SortOptions",
      resources: "[]string",
      components: "[]string",
      crds: "[]string",
      bases: "[]string",
      configMapGenerator: "[]types.ConfigMapArgs",
      secretGenerator: "[]types.SecretArgs",
      helmGlobals: "*types.HelmGlobals",
      helmCharts: "[]types.HelmChart",
      helmChartInflationGenerator: "[]types.HelmChartArgs",
      generatorOptions: "*types.GeneratorOptions",
      configurations: "[]string",
      generators: "[]string",
      transformers: "[]string",
      validators: "[]string",
      buildMetadata: "[]string",
    },
  },
  "types.TypeMeta": { fields: { kind: "string", apiVersion: "string" } },
  "types.ObjectMeta": {
    fields: { name: "string", namespace: "string", labels: "map[string]string", annotations: "map[string]string" },
  },
  "types.Label": {
    fields: { pairs: "map[string]string", includeSelectors: "bool", includeTemplates: "bool", fields: "[]types.FieldSpec" },
  },
  "types.FieldSpec": { inline: ["resid.Gvk"], fields: { path: "string", create: "bool" } },
  "resid.Gvk": { fields: { group: "string", version: "string", kind: "string" } },
  "resid.ResId": { inline: ["resid.Gvk"], fields: { name: "string", namespace: "string" } },
  "types.Patch": {
    fields: { path: "string", patch: "string", target: "*types.Selector", options: "map[string]bool" },
  },
  "types.Selector": {
    inline: ["resid.ResId"],
    fields: { annotationSelector: "string", labelSelector: "string" },
  },
  "types.Image": {
    fields: { name: "string", newName: "string", tagSuffix: "string", newTag: "string", digest: "string" },
  },
  "types.ReplacementField": { inline: ["types.Replacement"], fields: { path: "string" } },
  "types.Replacement": {
    fields: { source: "*types.SourceSelector", targets: "[]*types.TargetSelector" },
  },
  "types.SourceSelector": {
    inline: ["resid.ResId"],
    fields: { fieldPath: "string", options: "*types.FieldOptions" },
  },
  "types.TargetSelector": {
    fields: {
      select: "*types.Selector",
      reject: "[]*types.Selector",
      fieldPaths: "[]string",
      options: "*types.FieldOptions",
    },
  },
  "types.FieldOptions": {
    fields: { delimiter: "string", index: "int", encoding: "string", create: "bool" },
  },
  "types.Replica": { fields: { name: "string", count: "int64" } },
  "types.Var": { fields: { name: "string", objref: "types.Target", fieldref: "types.FieldSelector" } },
  "types.Target": {
    inline: ["resid.Gvk"],
    fields: { apiVersion: "string", name: "string", namespace: "string" },
  },
  "types.FieldSelector": { fields: { fieldPath: "string" } },
  "types.SortOptions": {
    fields: { order: "types.SortOrder", legacySortOptions: "*types.LegacySortOptions" },
  },
  "types.LegacySortOptions": { fields: { orderFirst: "[]string", orderLast: "[]string" } },
  "types.ConfigMapArgs": { inline: ["types.GeneratorArgs"], fields: {} },
  "types.SecretArgs": { inline: ["types.GeneratorArgs"], fields: { type: "string" } },
  "types.GeneratorArgs": {
    inline: ["types.KvPairSources"],
    fields: { namespace: "string", name: "string", behavior: "string", options: "*types.GeneratorOptions" },
  },
  "types.KvPairSources": {
    fields: { literals: "[]string", files: "[]string", envs: "[]string", env: "string" },
  },
  "types.GeneratorOptions": {
    fields: {
      labels: "map[string]string",
      annotations: "map[string]string",
      disableNameSuffixHash: "bool",
      immutable: "bool",
    },
  },
  "types.HelmGlobals": { fields: { chartHome: "string", configHome: "string" } },
  "types.HelmChart": {
    fields: {
      name: "string",
      version: "string",
      repo: "string",
      releaseName: "string",
      namespace: "string",
      additionalValuesFiles: "[]string",
      valuesFile: "string",
      valuesInline: "map[string]interface {}",
      valuesMerge: "string",
      includeCRDs: "bool",
      skipHooks: "bool",
      apiVersions: "[]string",
      kubeVersion: "string",
      nameTemplate: "string",
      skipTests: "bool",
      debug: "bool",
    },
  },
  "types.HelmChartArgs": {
    fields: {
      chartName: "string",
      chartVersion: "string",
      chartRepoUrl: "string",
      chartHome: "string",
      chartRepoName: "string",
      helmBin: "string",
      helmHome: "string",
      values: "string",
      valuesLocal: "map[string]interface {}",
      valuesMerge: "string",
      releaseName: "string",
      releaseNamespace: "string",
      extraArgs: "[]string",
    },
  },
};

/** Named types whose underlying type is string. */
const NAMED_STRINGS = new Set(["types.PatchStrategicMerge", "types.SortOrder"]);

/** A Go type reduced to what decoding JSON into it checks. */
export type GoType =
  | { readonly kind: "string" | "bool" | "int" | "any"; readonly name: string }
  | { readonly kind: "map"; readonly name: string; readonly elem: GoType }
  | { readonly kind: "slice"; readonly name: string; readonly elem: GoType; readonly elemNilable: boolean }
  | { readonly kind: "struct"; readonly name: string; readonly struct: GoStruct };

export interface GoStruct {
  /** The type's name without its package, as errors print it (`Label`). */
  readonly name: string;
  /** JSON name → field. */
  readonly exact: ReadonlyMap<string, GoField>;
  /** Go's case-folded JSON name → field, for keys that are not an exact match. */
  readonly folded: ReadonlyMap<string, GoField>;
}

export interface GoField {
  readonly json: string;
  readonly type: GoType;
  /** JSON null sets it to nil (pointer, slice, map, interface); elsewhere null changes nothing. */
  readonly nilable: boolean;
}

function isNilable(text: string): boolean {
  return text.startsWith("*") || text.startsWith("[]") || text.startsWith("map[") || text === "interface {}";
}

/** The non-ASCII runes Go's unicode.ToUpper(unicode.ToLower(r)) turns into ASCII letters. */
const FOLDS_TO_ASCII: Record<string, string> = { "\u0130": "I", "\u0131": "I", "\u017f": "S", "\u212a": "K" };

/**
 * encoding/json's foldName, as far as matching ASCII field names needs it: ASCII letters
 * upper-cased, the four runes that fold into ASCII mapped, every other rune kept (whatever it
 * folds to is not ASCII, so it matches no field either way). `nameprefix` finds namePrefix.
 */
export function foldName(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
    else if (c < 0x80) out += s[i];
    else out += FOLDS_TO_ASCII[s[i]!] ?? s[i];
  }
  return out;
}

const compiled = new Map<string, GoType>();

function compileType(text: string): GoType {
  const known = compiled.get(text);
  if (known) return known;
  let t: GoType;
  if (text.startsWith("*")) {
    // Decoding dereferences (allocating) before any check, so errors name the pointee.
    t = compileType(text.slice(1));
  } else if (text.startsWith("[]")) {
    t = { kind: "slice", name: text, elem: compileType(text.slice(2)), elemNilable: isNilable(text.slice(2)) };
  } else if (text.startsWith("map[string]")) {
    t = { kind: "map", name: text, elem: compileType(text.slice("map[string]".length)) };
  } else if (text === "string" || NAMED_STRINGS.has(text)) {
    t = { kind: "string", name: text };
  } else if (text === "bool") {
    t = { kind: "bool", name: text };
  } else if (text === "int" || text === "int64") {
    t = { kind: "int", name: text };
  } else if (text === "interface {}") {
    t = { kind: "any", name: text };
  } else {
    const spec = STRUCTS[text];
    if (!spec) throw new Error(`kustomization schema: no struct ${text}`);
    const struct = { name: text.slice(text.indexOf(".") + 1), exact: new Map(), folded: new Map() } as GoStruct;
    t = { kind: "struct", name: text, struct };
    compiled.set(text, t); // before the fields, for recursive types
    addFields(struct, spec);
  }
  compiled.set(text, t);
  return t;
}

function addFields(into: GoStruct, spec: StructSpec): void {
  const exact = into.exact as Map<string, GoField>;
  const folded = into.folded as Map<string, GoField>;
  for (const embedded of spec.inline ?? []) addFields(into, STRUCTS[embedded]!);
  for (const [json, type] of Object.entries(spec.fields)) {
    const field = { json, type: compileType(type), nilable: isNilable(type) };
    exact.set(json, field);
    folded.set(foldName(json), field);
  }
}

export const KUSTOMIZATION: GoType = compileType(KUSTOMIZATION_TYPE);
