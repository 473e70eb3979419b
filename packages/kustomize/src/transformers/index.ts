export { applyCommonAnnotations } from "./common-annotations.js";
export { applyCommonLabels } from "./common-labels.js";
export {
  type CreateKind,
  type FieldParent,
  type FieldVisitor,
  FieldPathError,
  type WalkOptions,
  fieldSpecMatches,
  splitFieldPath,
  visitFieldSpec,
  walkFieldPath,
} from "./field-path.js";
export { applyImages, updateImage } from "./images.js";
export { isImageMatched, splitImage } from "./image-name.js";
export { applyLabels, labelFieldSpecs } from "./labels.js";
export { applyAffixTransformer, applyNamePrefix, applyNamePrefixSuffix, applyNameSuffix } from "./name-prefix-suffix.js";
export { resolveNameReferences } from "./name-reference.js";
export { applyNamespace, type NamespaceOptions, type RoleBindingSubjectMode } from "./namespace.js";
export { applyReplicas } from "./replicas.js";
export { applyFieldSpecs, setMapEntry, setScalar } from "./apply-field-specs.js";
export { goSortedKeys, setPairsAtFieldSpecs } from "./set-label-pairs.js";
