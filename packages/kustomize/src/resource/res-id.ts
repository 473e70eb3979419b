/** Group/version/kind plus name and namespace: how kustomize identifies a resource. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ResId extends Gvk {
  name: string;
  /** "" when the resource has no namespace. */
  namespace: string;
}

/** Splits an apiVersion (`apps/v1`, `v1`) into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** kustomize's `Gvk.String()`: `kind.version.group` with empty parts shown as `[noKind]` etc. */
export function gvkString(gvk: Gvk): string {
  return `${gvk.kind || "[noKind]"}.${gvk.version || "[noVer]"}.${gvk.group || "[noGrp]"}`;
}

/** kustomize's `ResId.String()`, used in error messages: `Kind.version.group/name.namespace`. */
export function resIdString(id: ResId): string {
  return `${gvkString(id)}/${id.name || "[noName]"}.${id.namespace || "[noNs]"}`;
}

/** A built-in plugin config's id as kustomize names it in errors: `Kind.builtin.[noGrp]/name.ns`. */
export function pluginId(config: { kind: string; name: string; namespace: string }): string {
  return `${config.kind}.builtin.[noGrp]/${config.name}.${config.namespace || "[noNs]"}`;
}
