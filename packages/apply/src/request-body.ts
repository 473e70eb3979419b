import { isMap, type YamlMap } from "@kfrender/yaml";
import { APPLYSET_PART_OF_LABEL } from "./applyset.js";
import { toJson } from "./to-json.js";

export const APPLY_PATCH_CONTENT_TYPE = "application/apply-patch+yaml";

/** `/apis/apps/v1/namespaces/ns/deployments[/name]`, `/api/v1/namespaces[/name]`. */
export function resourcePath(r: { group: string; version: string; plural: string; namespaced: boolean }, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${base}${ns}/${r.plural}${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
}

export function applyQuery(fieldManager: string, force: boolean, dryRun: boolean): Record<string, string | undefined> {
  return { fieldManager, force: force ? "true" : undefined, dryRun: dryRun ? "All" : undefined };
}

/**
 * The object as sent: the input unchanged except for the namespace (filled in for namespaced kinds,
 * dropped for cluster-scoped ones, as kubectl does) and the set's membership label. Only the
 * metadata maps that change are copied. No last-applied annotation: server-side apply keeps
 * ownership in managedFields.
 */
export function applyBody(obj: YamlMap, namespace: string | undefined, namespaced: boolean, partOf: string | undefined): string {
  const meta = isMap(obj.metadata) ? obj.metadata : {};
  let out: YamlMap = meta;
  if (namespaced && namespace !== undefined && meta.namespace !== namespace) out = { ...out, namespace };
  if (!namespaced && "namespace" in meta) {
    const { namespace: _dropped, ...rest } = out;
    out = rest;
  }
  if (partOf !== undefined) out = { ...out, labels: { ...(isMap(meta.labels) ? meta.labels : {}), [APPLYSET_PART_OF_LABEL]: partOf } };
  return toJson(out === meta ? obj : { ...obj, metadata: out });
}
