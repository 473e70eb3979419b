import { copyScalarTags, isMap, type YamlMap } from "@kfrender/yaml";
import { builtinSchema } from "../../openapi/builtin.js";
import type { Schema } from "../../openapi/schema.js";
import { walk, type MergeContext } from "./walk.js";

export interface StrategicMergeOptions {
  /** See MergeContext.isBareNull; by default every null counts as written explicitly. */
  isBareNull?: (map: YamlMap, key: string) => boolean;
}

const NEVER = () => false;

/**
 * Applies a strategic merge patch the way kustomize v5.5 does (kyaml's merge2 walker):
 *
 * - maps merge field by field; a `null` patch value deletes the field;
 * - lists whose schema declares `x-kubernetes-patch-strategy: merge` merge element by element on
 *   the merge key(s) (`x-kubernetes-list-map-keys`, else `x-kubernetes-patch-merge-key`), the patch's
 *   elements first; lists of scalars with that strategy merge as sets; all other lists — including
 *   every list of a kind the schema does not know — are replaced by the patch's list as written;
 * - `$patch: delete|replace|merge` on a map, or as a lone `{$patch: …}` list element, deletes,
 *   replaces or merges that node; other `$…` keys (`$setElementOrder/…`, `$retainKeys`,
 *   `$deleteFromPrimitiveList/…`) are ordinary fields and pass through to the output.
 *
 * `target` is merged into in place and the result returned (usually `target` itself); null when the
 * patch deletes the whole object. `patch` is not modified. `schema` defaults to the built-in
 * Kubernetes v1.21.2 schema.
 */
export function strategicMerge(
  target: YamlMap,
  patch: YamlMap,
  schema: Schema = builtinSchema(),
  options: StrategicMergeOptions = {},
): YamlMap | null {
  const ctx: MergeContext = { schema, isBareNull: options.isBareNull ?? NEVER };
  // Patch nodes are moved into the result, so the caller's patch stays untouched only on a copy.
  const copy = structuredClone(patch);
  copyScalarTags(patch, copy);
  const result = walk(ctx, target, copy, undefined);
  return isMap(result) && Object.keys(result).length > 0 ? result : null;
}
