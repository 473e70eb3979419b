import { isMap } from "@kfrender/yaml";
import type { ResId } from "../../resource/res-id.js";
import type { Resource } from "../../resource/resource.js";
import type { Selector } from "../../types/kustomization.js";
import { matchesLabelSelector } from "./label-selector.js";
import { scalarText } from "./scalars.js";

/**
 * The ids a replacement may know a resource by: the current one, then each earlier one (names,
 * namespaces and kinds it had before prefixes, namespaces or patches), in the current apiVersion.
 */
export function replacementIds(r: Resource): ResId[] {
  const cur = r.id();
  const ids = [cur];
  for (const p of r.prevIds) ids.push({ ...p, group: cur.group, version: cur.version });
  return ids;
}

/**
 * kyaml's ResId.IsSelectedBy: empty selector fields match anything, names and gvk compare exactly
 * (not as patterns), namespaces compare with "" meaning "default". Ids built from parsed nodes
 * never count as cluster-scoped here, so no cluster-scope special case applies.
 */
export function isSelectedBy(id: ResId, sel: Selector): boolean {
  return (
    (!sel.name || sel.name === id.name) &&
    (!sel.namespace || sel.namespace === (id.namespace || "default")) &&
    (!sel.group || sel.group === id.group) &&
    (!sel.version || sel.version === id.version) &&
    (!sel.kind || sel.kind === id.kind)
  );
}

export function hasIdFields(sel: Selector): boolean {
  return !!(sel.name || sel.namespace || sel.group || sel.version || sel.kind);
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(v)) for (const [k, x] of Object.entries(v)) out[k] = scalarText(x);
  return out;
}

/** Both the label and the annotation selector hold (an absent one holds for everything). */
export function matchesLabelsAndAnnotations(r: Resource, sel: Selector): boolean {
  const meta = r.metadata;
  return (
    matchesLabelSelector(sel.annotationSelector, stringMap(meta?.annotations)) &&
    matchesLabelSelector(sel.labelSelector, stringMap(meta?.labels))
  );
}
