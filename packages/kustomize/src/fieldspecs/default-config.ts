import { COMMON_ANNOTATIONS_FIELD_SPECS } from "./common-annotations.js";
import { COMMON_LABELS_FIELD_SPECS } from "./common-labels.js";
import { IMAGES_FIELD_SPECS } from "./images.js";
import { emptyTransformerConfig, freezeConfig, mergeTransformerConfig, sortFieldSpecs } from "./merge-config.js";
import { NAME_PREFIX_FIELD_SPECS } from "./name-prefix.js";
import { NAME_REFERENCE_BACK_REFS } from "./name-reference.js";
import { NAME_SUFFIX_FIELD_SPECS } from "./name-suffix.js";
import { NAMESPACE_FIELD_SPECS } from "./namespace.js";
import { REPLICAS_FIELD_SPECS } from "./replicas.js";
import { TEMPLATE_LABELS_FIELD_SPECS } from "./template-labels.js";
import type { TransformerConfig } from "./transformer-config.js";
import { VAR_REFERENCE_FIELD_SPECS } from "./var-reference.js";

/**
 * kustomize's MakeDefaultConfig: the built-in tables as loaded (sorted, not de-duplicated).
 * This is what a kustomization's own config starts from before its `configurations:` are merged in.
 */
let builtin: TransformerConfig | undefined;

/** kustomize's compiled-in tables, sorted; one frozen object shared by every caller. */
export function builtinTransformerConfig(): TransformerConfig {
  builtin ??= freezeConfig({
    namePrefix: sortFieldSpecs(NAME_PREFIX_FIELD_SPECS),
    nameSuffix: sortFieldSpecs(NAME_SUFFIX_FIELD_SPECS),
    namespace: sortFieldSpecs(NAMESPACE_FIELD_SPECS),
    commonLabels: sortFieldSpecs(COMMON_LABELS_FIELD_SPECS),
    labels: [],
    templateLabels: sortFieldSpecs(TEMPLATE_LABELS_FIELD_SPECS),
    commonAnnotations: sortFieldSpecs(COMMON_ANNOTATIONS_FIELD_SPECS),
    images: sortFieldSpecs(IMAGES_FIELD_SPECS),
    replicas: sortFieldSpecs(REPLICAS_FIELD_SPECS),
    nameReference: sortFieldSpecs(NAME_REFERENCE_BACK_REFS).map((b) => ({ ...b, fieldSpecs: b.fieldSpecs.slice() })),
    varReference: sortFieldSpecs(VAR_REFERENCE_FIELD_SPECS),
  });
  return builtin;
}

let normalized: TransformerConfig | undefined;

/**
 * The tables in force for a kustomization without `configurations:` (the built-ins merged into
 * an empty accumulator, which is where kustomize de-duplicates them). A fresh copy each call.
 */
export function defaultTransformerConfig(): TransformerConfig {
  normalized ??= mergeTransformerConfig(emptyTransformerConfig(), builtinTransformerConfig());
  return cloneTransformerConfig(normalized);
}

export function cloneTransformerConfig(c: TransformerConfig): TransformerConfig {
  return {
    namePrefix: c.namePrefix.slice(),
    nameSuffix: c.nameSuffix.slice(),
    namespace: c.namespace.slice(),
    commonLabels: c.commonLabels.slice(),
    labels: c.labels.slice(),
    templateLabels: c.templateLabels.slice(),
    commonAnnotations: c.commonAnnotations.slice(),
    images: c.images.slice(),
    replicas: c.replicas.slice(),
    nameReference: c.nameReference.map((b) => ({ ...b, fieldSpecs: b.fieldSpecs.slice() })),
    varReference: c.varReference.slice(),
  };
}
