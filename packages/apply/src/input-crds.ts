import { isMap, type YamlMap } from "@kfrender/yaml";
import { builtinKind } from "./builtin-kinds.js";
import { apiVersionOf, type ResourceRef } from "./resource-ref.js";

/** A CRD of the input, by what it defines: its custom resources wait for it. */
export interface InputCrd {
  name: string;
  /** The CRD's own apiVersion (v1, or v1beta1 on old clusters): used to read its status. */
  apiVersion: string;
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** Keyed by `group|kind` of the custom resources each CRD defines. */
export function inputCrds(objects: YamlMap[], refs: ResourceRef[]): Map<string, InputCrd> {
  const out = new Map<string, InputCrd>();
  refs.forEach((r, i) => {
    if (r.kind !== "CustomResourceDefinition" || r.group !== "apiextensions.k8s.io") return;
    const spec = objects[i]!.spec;
    if (!isMap(spec) || typeof spec.group !== "string" || !isMap(spec.names) || typeof spec.names.kind !== "string") return;
    const plural = typeof spec.names.plural === "string" ? spec.names.plural : spec.names.kind.toLowerCase() + "s";
    out.set(`${spec.group}|${spec.names.kind}`, {
      name: r.name,
      apiVersion: apiVersionOf(r.group, r.version),
      group: spec.group,
      kind: spec.names.kind,
      plural,
      namespaced: spec.scope !== "Cluster",
    });
  });
  return out;
}

/** Whether a kind is namespaced, where that is known without a server. */
export function knownScope(r: { group: string; kind: string }, crds: Map<string, InputCrd>): boolean | undefined {
  return builtinKind(r.group, r.kind)?.namespaced ?? crds.get(`${r.group}|${r.kind}`)?.namespaced;
}

/**
 * The namespaces the input's namespaced members land in, for the set's record. Where the scope is
 * unknown without a server, the object counts as namespaced: a namespace too many only costs prune
 * one more list request, a namespace too few would hide members from it.
 */
export function memberNamespaces(refs: ResourceRef[], crds: Map<string, InputCrd>, defaultNamespace: string): Set<string> {
  const out = new Set<string>();
  for (const r of refs) {
    if (knownScope(r, crds) === false) continue;
    out.add(r.namespace ?? defaultNamespace);
  }
  return out;
}
