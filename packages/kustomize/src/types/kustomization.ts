import type { YamlMap, YamlValue } from "@kfrender/yaml";

/** Which resources a patch, replacement or transformer applies to. Strings are regular expressions. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Where in a resource a transformer looks: kustomize's FieldSpec. */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  /** Slash-separated path, e.g. `spec/template/metadata/labels`; `[]` marks list items in kustomize v3 style. */
  path: string;
  /** Create missing fields along the path. */
  create?: boolean;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: "create" | "merge" | "replace" | "unspecified" | "";
  files?: string[];
  literals?: string[];
  envs?: string[];
  /** Legacy single env file. */
  env?: string;
  options?: GeneratorOptions;
}

export interface SecretArgs extends GeneratorArgs {
  type?: string;
}

export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

export interface Replica {
  name: string;
  count: number;
}

export interface Label {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

export interface Patch {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: PatchOptions;
}

export interface PatchJson6902 {
  target: Selector & { name?: string };
  path?: string;
  patch?: string;
}

export interface Var {
  name: string;
  objref: { apiVersion?: string; group?: string; version?: string; kind?: string; name?: string; namespace?: string };
  fieldref?: { fieldpath?: string };
}

export interface ReplacementSource extends Selector {
  fieldPath?: string;
  options?: FieldOptions;
}

export interface FieldOptions {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}

export interface ReplacementTarget {
  select?: Selector;
  reject?: Selector[];
  fieldPaths?: string[];
  options?: FieldOptions;
}

export interface Replacement {
  source?: ReplacementSource;
  targets?: ReplacementTarget[];
}

/** A `replacements:` entry: inline, or `path:` to a file holding one or more replacements. */
export type ReplacementField = Replacement | { path: string };

export interface SortOptions {
  order?: "legacy" | "fifo";
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

/**
 * The `buildMetadata:` words kustomize acts on (others are accepted and ignored): print each
 * resource's origin, print the transformers that ran over it, label it as managed by kustomize.
 */
export type BuildMetadataOption = "originAnnotations" | "transformerAnnotations" | "managedByLabel";

/** A parsed `kustomization.yaml` (kind Kustomization or Component), kustomize v5.5's fields. */
export interface Kustomization {
  apiVersion?: string;
  kind?: "Kustomization" | "Component";
  metadata?: YamlMap;
  openapi?: Record<string, string>;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: Label[];
  commonAnnotations?: Record<string, string>;
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchJson6902[];
  patches?: Patch[];
  images?: Image[];
  imageTags?: Image[];
  replacements?: ReplacementField[];
  replicas?: Replica[];
  vars?: Var[];
  sortOptions?: SortOptions;
  resources?: string[];
  bases?: string[];
  components?: string[];
  crds?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: SecretArgs[];
  helmGlobals?: YamlValue;
  helmCharts?: YamlValue[];
  helmChartInflationGenerator?: YamlValue[];
  generatorOptions?: GeneratorOptions;
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  validators?: string[];
  /** {@link BuildMetadataOption}s; only the root kustomization's list is used. */
  buildMetadata?: string[];
}
