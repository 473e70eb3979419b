export type { NameBackReference, TransformerConfig } from "./transformer-config.js";
export { builtinTransformerConfig, cloneTransformerConfig, defaultTransformerConfig } from "./default-config.js";
export {
  FIELD_SPEC_TABLES,
  emptyTransformerConfig,
  freezeConfig,
  mergeFieldSpec,
  mergeFieldSpecs,
  mergeTransformerConfig,
  sortFieldSpecs,
} from "./merge-config.js";
export { loadTransformerConfigFile, makeTransformerConfig, parseTransformerConfig } from "./parse-config.js";
export { compareGvk, fieldSpecGroupVersion, isSelected, sameGvk, type GvkSelector } from "./gvk-match.js";
export { configFromCrdDefinitions, loadConfigFromCrds } from "./config-from-crds.js";
