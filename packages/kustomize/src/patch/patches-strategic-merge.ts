import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import { resourcesFromText } from "../resource/read-resources.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { applySmPatch, findPatchTarget, type SmPatch, withApiVersionOf } from "./apply-strategic-merge.js";
import type { PatchOptions } from "./patch-context.js";

/**
 * The `patchesStrategicMerge` field: each entry is a file of patches or, for legacy reasons, the
 * patch text itself (tried first). Every document patches the one resource it names (by current or
 * earlier id); `$patch: delete` at the top removes that resource. All entries are loaded before any
 * is applied, then applied in order.
 */
export function applyPatchesStrategicMerge(
  resMap: ResMap,
  entries: string[],
  loader: Loader,
  options: PatchOptions = {},
): void {
  const patches: SmPatch[] = [];
  for (const entry of entries) {
    for (const resource of loadEntry(entry, loader)) {
      patches.push({ resource, allowNameChange: false, allowKindChange: false });
    }
  }
  if (patches.length === 0) {
    throw new KustomizeError("PATCH", `patch appears to be empty; files=[${entries.join(" ")}], Patch=`);
  }
  const index = resMap.anyIdIndex();
  for (const patch of patches) {
    const target = findPatchTarget(index, patch.resource);
    if (applySmPatch(target, withApiVersionOf(target, patch), patch, options)) index.update(target);
    else {
      resMap.remove(target);
      index.remove(target);
    }
  }
}

function loadEntry(entry: string, loader: Loader): Resource[] {
  try {
    return resourcesFromText(entry, "patchesStrategicMerge");
  } catch {
    // Not patch text: a file of patches.
  }
  const file = loader.resolvePath(entry);
  return resourcesFromText(loader.readFile(entry), file);
}
