import { isMap, type YamlMap } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { builtinSchema } from "../openapi/builtin.js";
import { resIdString } from "../resource/res-id.js";
import type { AnyIdIndex, ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import type { PatchOptions } from "./patch-context.js";
import { strategicMerge } from "./strategic-merge/index.js";
import { noteFieldWrite } from "../resource/field-writes.js";

/** A loaded strategic merge patch: one document, with what its kustomization allows it to change. */
export interface SmPatch {
  /** The patch document; never modified. */
  resource: Resource;
  allowNameChange: boolean;
  allowKindChange: boolean;
}

/**
 * kustomize's Resource.ApplySmPatch: merges `patch` into `res`, then restores the resource's
 * namespace, and its name and kind unless the patch may change them (the old id is recorded first
 * so name references still find the resource). Returns false when the patch deleted the resource.
 */
export function applySmPatch(res: Resource, patch: YamlMap, smp: SmPatch, options: PatchOptions): boolean {
  const { name, namespace, kind } = res;
  if (smp.allowNameChange || smp.allowKindChange) res.storePreviousId();
  let merged: YamlMap | null;
  try {
    const schema = typeof options.schema === "function" ? options.schema() : (options.schema ?? builtinSchema());
    merged = strategicMerge(res.obj, patch, schema, { isBareNull: options.isBareNull });
  } catch (e) {
    if (e instanceof KustomizeError) throw e;
    throw new KustomizeError("PATCH", (e as Error).message);
  }
  if (merged === null) return false;
  // kustomize keeps the resource's own node: a top-level `$patch: replace` (whose result is the
  // patch's node) therefore changes nothing.
  if (merged !== res.obj) return true;
  // kyaml's merge and SetName put new nodes in place, whatever their values.
  noteFieldWrite();
  if (!smp.allowKindChange) res.obj.kind = kind;
  if (!smp.allowNameChange) res.setName(name);
  if (namespace !== "") res.setNamespace(namespace);
  else if (isMap(res.obj.metadata)) delete res.obj.metadata.namespace;
  return true;
}

/**
 * kustomize's ResMap.ApplySmPatch: applies the patch to each resource of `targets` (in ResMap
 * order), with the patch's apiVersion taken from each target, and drops resources it deletes.
 */
export function applySmPatchToResources(resMap: ResMap, targets: Resource[], smp: SmPatch, options: PatchOptions): void {
  if (targets.length === 0) return;
  const selected = new Set(targets);
  for (const res of resMap.resources().slice()) {
    if (!selected.has(res)) continue;
    if (!applySmPatch(res, withApiVersionOf(res, smp), smp, options)) resMap.remove(res);
  }
}

/** The patch document with the target's apiVersion, as kustomize's ResMap.ApplySmPatch sends it. */
export function withApiVersionOf(res: Resource, smp: SmPatch): YamlMap {
  const patch: YamlMap = { ...smp.resource.obj, apiVersion: res.obj.apiVersion ?? null };
  if (res.obj.apiVersion === undefined) delete patch.apiVersion;
  return patch;
}

/**
 * The one resource a patch without a target applies to: the one whose current or any earlier id
 * is the patch's id (kustomize's ResMap.GetById).
 */
export function findPatchTarget(resMap: ResMap | AnyIdIndex, patch: Resource): Resource {
  const id = patch.id();
  const found = resMap.byAnyId(id);
  if (found.length === 1) return found[0]!;
  const why = found.length > 1 ? "multiple matches" : "no matches";
  throw new KustomizeError(
    "PATCH",
    `${why} for Id ${resIdString(id)}; failed to find unique target for patch ${resIdString(id)}`,
  );
}
