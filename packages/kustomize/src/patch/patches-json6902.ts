import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import type { ResMap } from "../resource/res-map.js";
import type { PatchJson6902 } from "../types/kustomization.js";
import { applyJsonPatch } from "./apply-json6902.js";
import { DecodeError, decodeOperations, type Operation } from "./json6902/operations.js";
import { selectResources } from "./select/selector.js";

/**
 * The `patchesJson6902` field: RFC 6902 operations (JSON, or YAML) from `path` or inline `patch`,
 * applied to every resource the `target` selects (a name is required). A target that selects
 * nothing is not an error. Unlike `patches`, these renames are not recorded for name references.
 */
export function applyPatchesJson6902(resMap: ResMap, entries: PatchJson6902[], loader: Loader): void {
  for (const entry of entries) {
    const ops = loadOperations(entry, loader);
    for (const res of selectResources(resMap, entry.target)) applyJsonPatch(res, ops);
  }
}

function loadOperations(entry: PatchJson6902, loader: Loader): Operation[] {
  if (!entry.target) throw new KustomizeError("PATCH", "must specify a target for patch");
  if (!entry.target.name) throw new KustomizeError("PATCH", "must specify the target name");
  const path = entry.path ?? "";
  let text = entry.patch ?? "";
  if (path === "" && text === "") throw new KustomizeError("PATCH", "empty file path and empty jsonOp");
  let file: string | undefined;
  if (path !== "") {
    if (text !== "") throw new KustomizeError("PATCH", "must specify a file path or jsonOp, not both");
    file = loader.resolvePath(path);
    text = loader.readFile(path);
    if (text === "") throw new KustomizeError("PATCH", `patch file '${path}' empty seems to be empty`, file);
  }
  let ops: Operation[];
  try {
    ops = decodeOperations(text);
  } catch (e) {
    if (e instanceof DecodeError) throw new KustomizeError("PATCH", `decoding ${text}: ${e.message}`, file);
    throw e;
  }
  if (ops.length === 0) {
    throw new KustomizeError("PATCH", `patch appears to be empty; file=${path}, JsonOp=${text}`, file);
  }
  return ops;
}
