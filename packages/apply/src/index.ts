export { applyResources, type ApplyOptions, type ApplyReport, type ResourceResult, type ResultStatus, type RetryPolicy } from "./apply.js";
export { planApply, type PlannedRequest, type PlanOptions } from "./plan.js";
export { connectWithKubeconfig, type KubeconfigConnection, type KubeconfigOptions } from "./kubeconfig-transport.js";
export type { KubeRequest, KubeResponse, Transport } from "./transport.js";
export { ApplyError, type ApplyErrorCode } from "./errors.js";
export { orderForApply, phaseOf, uninstallRank, PHASES, type Phase, type Ordered } from "./install-order.js";
export { objectsFromDocuments, refOf, describeRef, groupKind, type ResourceRef } from "./resource-ref.js";
export {
  applySetId,
  type ApplySetRef,
  APPLYSET_ID_LABEL,
  APPLYSET_PART_OF_LABEL,
  APPLYSET_TOOLING_ANNOTATION,
  APPLYSET_GROUP_KINDS_ANNOTATION,
  APPLYSET_NAMESPACES_ANNOTATION,
} from "./applyset.js";
export { isPruneProtected, type PruneResult, type PruneStatus } from "./prune.js";
export { ResultTable, summarize, summarizePrune, formatPlan, reportJson } from "./report.js";
export { toJson } from "./to-json.js";
export { previewPrune, type PrunePreviewOptions } from "./prune-preview.js";
