// @kfrender/kfdef: a KfDef and its manifests → the ordered resource set kfctl v1.2 would have
// applied (specification: ../shared/specs/kfdef-rendering.md). Pure: repositories are read through
// the FileSystem you pass, every kfctl write happens in an in-memory working copy.

export { KfDefError, type KfDefErrorCode } from "./errors.js";
export {
  type KfDef,
  type KfApplication,
  type KfParameter,
  type KustomizeConfig,
  KFDEF_API_VERSIONS,
  SET_KUBEFLOW_ANNOTATION,
  parseKfDef,
  effectiveName,
  wantsInstanceAnnotation,
} from "./kfdef.js";
export {
  renderKfDef,
  kustomizeBuilder,
  applicationFileName,
  APP_DIR,
  type Builder,
  type RenderOptions,
  type RenderProgress,
  type RenderResult,
  type AppResult,
} from "./render.js";
export { type RenderedDocument, INSTALL_ORDER, splitDocuments, documentKind, sortByInstallOrder, joinDocuments } from "./install-order.js";
export { imageFields, imageName, type ImageField } from "./image-fields.js";
export { imageNames, airgapKustomization } from "./airgap.js";
export { type ImagePrefix, parseImagePrefix, rewriteImageReference, applyImagePrefixes } from "./image-prefix.js";
export { KFDEF_INSTANCE_ANNOTATION, annotateInstance } from "./annotate-instance.js";
export { type KustomizationV3, readKustomizationV3, writeKustomizationV3 } from "./kustomization-v3.js";
export { updateParamsEnv, GENERATE_NAME_SUFFIX, type ParamsEnvContext } from "./params-env.js";
export { stripNumericPaths, stripNumericFieldSpecPaths, hasNumericSegment } from "./numeric-fieldspec-paths.js";
export { WorkingCopy, MountFileSystem } from "./working-copy.js";
export { checkGolden, type GoldenCheck } from "./golden-check.js";
export { unifiedDiff, type DiffOptions } from "./unified-diff.js";
export { listImages } from "./list-images.js";
