import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import { resIdString } from "../resource/res-id.js";
import type { ReadStats } from "@kfrender/yaml";
import { resourcesFromText } from "../resource/read-resources.js";
import type { AnyIdIndex, ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import type { Patch } from "../types/kustomization.js";
import { applyJsonPatch } from "./apply-json6902.js";
import { applySmPatch, applySmPatchToResources, findPatchTarget, type SmPatch } from "./apply-strategic-merge.js";
import { DecodeError, decodeOperations, type Operation } from "./json6902/operations.js";
import type { PatchOptions } from "./patch-context.js";
import { selectResources } from "./select/selector.js";

type Loaded = { kind: "smp"; patches: SmPatch[] } | { kind: "json"; ops: Operation[] };

/**
 * The `patches` field. Each entry (`path` to a file, or inline `patch`) is either strategic merge
 * patch documents or a JSON patch (an operation list), told apart as kustomize does: by which of
 * the two the text parses as. With a `target`, the patch applies to every resource it selects (none
 * is fine); without one, a strategic merge patch applies to the one resource each document names,
 * and a JSON patch is an error. `options.allowNameChange`/`allowKindChange` let a strategic merge
 * patch rename a resource or change its kind; JSON patches always may. Either way the resource's
 * previous id is kept, so name references follow it. Entries apply in order, each after the last.
 */
export function applyPatches(resMap: ResMap, entries: Patch[], loader: Loader, options: PatchOptions = {}): void {
  // Untargeted patches find their resource through an index, kept while only they change things.
  const lookup: { index?: AnyIdIndex } = {};
  for (const entry of entries) {
    const loaded = load(entry, loader);
    if (loaded.kind === "json") {
      applyJson(resMap, entry, loaded.ops);
      lookup.index = undefined;
    } else for (const patch of loaded.patches) applyStrategic(resMap, entry, patch, options, lookup);
  }
}

function applyStrategic(resMap: ResMap, entry: Patch, patch: SmPatch, options: PatchOptions, lookup: { index?: AnyIdIndex }): void {
  if (entry.target) {
    applySmPatchToResources(resMap, selectResources(resMap, entry.target), patch, options);
    lookup.index = undefined;
    return;
  }
  const index = (lookup.index ??= resMap.anyIdIndex());
  let target: Resource;
  try {
    target = findPatchTarget(index, patch.resource);
  } catch (e) {
    throw new KustomizeError(
      "PATCH",
      `no resource matches strategic merge patch "${resIdString(patch.resource.id())}": ${(e as Error).message}`,
      entry.path,
    );
  }
  // The patch document's own apiVersion stands here (it matched the target's).
  if (applySmPatch(target, patch.resource.obj, patch, options)) index.update(target);
  else {
    resMap.remove(target);
    index.remove(target);
  }
}

function applyJson(resMap: ResMap, entry: Patch, ops: Operation[]): void {
  if (!entry.target) {
    throw new KustomizeError("PATCH", `must specify a target for JSON patch [${source(entry)}]`, entry.path);
  }
  for (const res of selectResources(resMap, entry.target)) {
    res.storePreviousId();
    applyJsonPatch(res, ops);
  }
}

function load(entry: Patch, loader: Loader): Loaded {
  const inline = (entry.patch ?? "").trim();
  const path = entry.path ?? "";
  if (inline === "" && path === "") {
    throw new KustomizeError("PATCH", `must specify one of patch and path in\n${describe(entry)}`);
  }
  if (inline !== "" && path !== "") {
    throw new KustomizeError("PATCH", `patch and path can't be set at the same time\n${describe(entry)}`);
  }
  const file = path === "" ? "patch" : loader.resolvePath(path);
  const text = path === "" ? inline : loader.readFile(path);

  let resources: Resource[] | undefined;
  const stats: ReadStats = {};
  try {
    resources = resourcesFromText(text, file, stats);
  } catch {
    resources = undefined;
  }
  let ops: Operation[] | undefined;
  // A stream whose first document is a map is no operation list: spare the second reading.
  if (!(resources?.length && stats.firstDocumentIsMap === true)) {
    try {
      if (text === "") throw new DecodeError("empty json patch operations");
      ops = decodeOperations(text);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      ops = undefined;
    }
  }
  // Text can parse as both only when it holds nothing (e.g. just comments), which kustomize refuses.
  if ((resources && ops) || (resources?.length && ops?.length)) {
    throw new KustomizeError("PATCH", `illegally qualifies as both an SM and JSON patch: [${source(entry)}]`, path || undefined);
  }
  if (!resources && !ops) {
    throw new KustomizeError("PATCH", `unable to parse SM or JSON patch from [${source(entry)}]`, path || undefined);
  }
  if (resources && resources.length > 0) {
    const allowNameChange = entry.options?.allowNameChange === true;
    const allowKindChange = entry.options?.allowKindChange === true;
    return { kind: "smp", patches: resources.map((resource) => ({ resource, allowNameChange, allowKindChange })) };
  }
  // An empty strategic merge patch goes down kustomize's JSON path with no operations.
  return { kind: "json", ops: ops ?? [] };
}

/** Where the patch came from, as kustomize names it in errors: `path: "…"` or `patch: "…"`. */
function source(entry: Patch): string {
  return entry.path ? `path: ${JSON.stringify(entry.path)}` : `patch: ${JSON.stringify(entry.patch ?? "")}`;
}

/** The entry as kustomize echoes its transformer config in errors. */
function describe(entry: Patch): string {
  const lines: string[] = [];
  if (entry.path) lines.push(`path: ${entry.path}`);
  if (entry.patch) lines.push(`patch: ${JSON.stringify(entry.patch)}`);
  return lines.join("\n");
}
