import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import { parseApiVersion, resIdString } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { effectiveNamespace, isClusterScoped } from "../resource/scope.js";
import type { FieldSpec } from "../types/kustomization.js";
import { WrongKindError, applyFieldSpecs, scalarText, setScalar } from "./apply-field-specs.js";
import { type FieldVisitor, nodeKindName } from "./field-path.js";

/** Which RoleBinding/ClusterRoleBinding subjects get the namespace (kustomize's RoleBindingSubjectMode). */
export type RoleBindingSubjectMode = "defaultOnly" | "allServiceAccounts" | "none";

export interface NamespaceOptions {
  /** Only fill namespace fields that are empty (the NamespaceTransformer's `unsetOnly`). */
  unsetOnly?: boolean;
  /** Default `defaultOnly`: only subjects named "default" (of any kind) are moved. */
  setRoleBindingSubjects?: RoleBindingSubjectMode;
}

const METADATA_NAMESPACE: FieldSpec = { path: "metadata/namespace", create: true };

function isRoleBinding(kind: string): boolean {
  return kind === "RoleBinding" || kind === "ClusterRoleBinding";
}

/**
 * `namespace:` — kustomize's namespace transformer on every resource: metadata.namespace of
 * namespaced kinds (cluster scope decided by apiVersion+kind), the name of a v1 Namespace,
 * RoleBinding subjects per `setRoleBindingSubjects`, then the remaining namespace field specs.
 * Each resource's id is stored first so name references can follow it; two resources ending
 * with the same id is an error.
 */
export function applyNamespace(
  resMap: ResMap,
  namespace: string,
  config: TransformerConfig,
  options: NamespaceOptions = {},
): void {
  if (!namespace) return;
  const set = namespaceSetter(namespace, !!options.unsetOnly);
  const mode = options.setRoleBindingSubjects ?? "defaultOnly";
  for (const r of resMap.resources()) {
    if (Object.keys(r.obj).length === 0) continue;
    r.storePreviousId();
    transformOne(r, config.namespace, set, mode);
  }
  checkUniqueIds(resMap);
}

/**
 * kustomize's namespace filter alone on one resource (as the ValueAddTransformer runs it): the
 * namespace of a namespaced kind and of RoleBinding subjects named "default"; no field specs, and
 * no record of the old id, so name references do not follow the move.
 */
export function setNamespaceOf(r: Resource, namespace: string): void {
  transformOne(r, [], namespaceSetter(namespace, false), "defaultOnly");
}

function transformOne(r: Resource, specs: readonly FieldSpec[], set: FieldVisitor, mode: RoleBindingSubjectMode): void {
  const apiVersion = r.apiVersion;
  // metadata.namespace and RoleBinding subjects are handled here, never by the table.
  let rest = specs.filter((fs) => fs.path !== "metadata/namespace" && !(fs.path === "metadata/name" && apiVersion !== "v1"));
  const { group, version } = parseApiVersion(apiVersion);
  const kind = r.kind;
  try {
    if (!isClusterScoped({ group, version, kind })) {
      applyFieldSpecs(r, [METADATA_NAMESPACE], "scalar", set, wrapNamespaceError);
    }
    if (isRoleBinding(kind)) {
      rest = rest.filter((fs) => !(isRoleBinding(fs.kind ?? "") && /^subjects(\[\])?(\/|$)/.test(fs.path)));
      setSubjectNamespaces(r, set, mode);
    }
    applyFieldSpecs(r, rest, "scalar", set, wrapNamespaceError);
  } catch (e) {
    if (e instanceof WrongKindError) {
      throw new KustomizeError("TRANSFORMER", `setting namespace on (cluster)role binding subjects: ${e.message}`);
    }
    throw e;
  }
}

function wrapNamespaceError(e: Error, message: string): string {
  if (e instanceof WrongKindError && e.actual !== "ScalarNode") {
    return `namespace field specs must target scalar nodes: ${message}`;
  }
  return `namespace transformation failed: ${message}`;
}

function namespaceSetter(namespace: string, unsetOnly: boolean): FieldVisitor {
  const setter = setScalar(() => namespace);
  if (!unsetOnly) return setter;
  return (parent, key) => {
    const current = (parent as Record<string | number, YamlValue>)[key];
    if (current !== null && current !== undefined && scalarText(current) !== "" && !isMap(current) && !Array.isArray(current)) {
      return;
    }
    setter(parent, key);
  };
}

/** kustomize's roleBindingHack: the subjects the mode selects get a namespace (created if missing). */
function setSubjectNamespaces(r: Resource, set: FieldVisitor, mode: RoleBindingSubjectMode): void {
  if (mode === "none") return;
  const subjects = r.obj.subjects;
  if (subjects === undefined || subjects === null) return;
  if (!Array.isArray(subjects)) throw new WrongKindError("SequenceNode", nodeKindName(subjects));
  for (const s of subjects) {
    if (!isMap(s)) continue;
    const selected = mode === "defaultOnly" ? s.name === "default" : s.kind === "ServiceAccount";
    if (!selected) continue;
    if (!Object.prototype.hasOwnProperty.call(s, "namespace") || s.namespace === null) (s as YamlMap).namespace = "";
    set(s, "namespace");
  }
}

function checkUniqueIds(resMap: ResMap): void {
  const seen = new Map<string, Resource[]>();
  for (const r of resMap.resources()) {
    const id = r.id();
    const key = `${id.group}|${id.version}|${id.kind}|${id.name}|${effectiveNamespace(id)}`;
    const list = seen.get(key);
    if (list) list.push(r);
    else seen.set(key, [r]);
  }
  for (const list of seen.values()) {
    if (list.length > 1) {
      throw new KustomizeError(
        "ID_CONFLICT",
        `namespace transformation produces ID conflict: [${list.map((r) => resIdString(r.id())).join(" ")}]`,
      );
    }
  }
}
