export { applyPatches } from "./patches.js";
export { applyPatchesJson6902 } from "./patches-json6902.js";
export { applyPatchesStrategicMerge } from "./patches-strategic-merge.js";
export type { PatchOptions } from "./patch-context.js";
export { applySmPatch, applySmPatchToResources, findPatchTarget, type SmPatch } from "./apply-strategic-merge.js";
export { applyJsonPatch } from "./apply-json6902.js";
export { strategicMerge, type StrategicMergeOptions } from "./strategic-merge/index.js";
export { CompiledSelector, matchesSelector, selectResources } from "./select/selector.js";
export { parseSelector, matchesRequirements, type Requirement } from "./select/label-selector.js";
