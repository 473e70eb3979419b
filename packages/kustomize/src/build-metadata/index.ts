export { type BuildMetadataState, buildMetadataState } from "./options.js";
export { joinOriginPath } from "./origin-path.js";
export { ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION, builtinOrigin, pluginOrigin, setOrigin } from "./origin.js";
export { originText, transformationsText } from "./origin-text.js";
export { adoptOrigin, recordBuiltin, recordTransformation } from "./transformations.js";
export { trackPluginConfigs } from "./plugin-config-origins.js";
export { finishBuildMetadataAnnotations } from "./annotations.js";
export { MANAGED_BY_LABEL, MANAGED_BY_VALUE, addManagedByLabel } from "./managed-by-label.js";
