import type { YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResId } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { isClusterScoped } from "../resource/scope.js";
import type { Var } from "../types/kustomization.js";
import { isCollection } from "./replacements/scalars.js";
import { stringifyAnnotations } from "./replacements.js";
import { varFieldValue } from "./vars/field-value.js";
import { substituteVars } from "./vars/substitute.js";
import {
  defaultVar,
  formatDefaultedVar,
  formatMatchingVar,
  formatRawVar,
  type VarSpec,
} from "./vars/var-spec.js";

/**
 * The legacy `vars:` field. Each kustomization's vars are bound, when its accumulation ends, to the
 * one resource their objref names (by any id it has had, so later renames keep the binding); the
 * values are read and substituted once, at the very end of the build, after every name change.
 */

export type { VarSpec } from "./vars/var-spec.js";
export { requireResourceNames } from "./vars/require-names.js";

/**
 * kustomize's ResAccumulator.MergeVars: binds each of a kustomization's `vars` to its resource
 * (recorded in the resource's `refVarNames`) and adds them to the accumulated set. Refuses an
 * objref matching several resources and a name already declared. Returns the new set.
 */
export function mergeVars(resMap: ResMap, declared: readonly VarSpec[], incoming: readonly Var[]): VarSpec[] {
  if (!incoming.length) return declared.slice();
  const wrap = (msg: string) =>
    new KustomizeError("VAR", `merging vars [${incoming.map(formatRawVar).join(" ")}]: ${msg}`);
  const specs = incoming.map(defaultVar);
  for (const spec of specs) {
    const matched = resMap.resources().filter((r) => objrefMatches(spec, r));
    if (matched.length > 1) {
      throw wrap(`found ${matched.length} resId matches for var ${formatMatchingVar(spec)} (unable to disambiguate)`);
    }
    if (matched.length === 1) matched[0]!.refVarNames.push(spec.name);
  }
  const out = declared.slice();
  for (const spec of specs) {
    if (out.some((v) => v.name === spec.name)) throw wrap(`var '${spec.name}' already encountered`);
    out.push(spec);
  }
  return out;
}

/**
 * kustomize's VarSet.MergeSet, for folding a base's vars into its parent: a name may be declared
 * once across the build. The message is the bare cause; the caller adds where the base came from.
 */
export function mergeVarSets(into: readonly VarSpec[], from: readonly VarSpec[]): VarSpec[] {
  const out = into.slice();
  for (const spec of from) {
    if (out.some((v) => v.name === spec.name)) {
      throw new KustomizeError("VAR", `var '${spec.name}' already encountered`);
    }
    out.push(spec);
  }
  return out;
}

/**
 * Whether an objref names this resource under any id it has had. Without a namespace the objref
 * matches in every namespace; with one, namespaces compare with "" meaning "default" (the objref
 * always counts as namespaced, the resource as its kind is).
 */
function objrefMatches(spec: VarSpec, r: Resource): boolean {
  const cur = r.id();
  const clusterScoped = isClusterScoped(cur);
  const matches = (id: ResId) =>
    id.name === spec.objName &&
    id.kind === spec.kind &&
    id.group === spec.group &&
    id.version === spec.version &&
    (!spec.objNamespace || spec.objNamespace === (clusterScoped ? "~X" : id.namespace || "default"));
  if (matches(cur)) return true;
  return r.prevIds.some((p) => matches({ ...p, group: cur.group, version: cur.version }));
}

/**
 * kustomize's ResolveVars: reads every declared var (in name order) from the first resource bound
 * to it, then substitutes `$(NAME)` in the varReference fields of every resource. Returns the
 * names of vars never used (kustomize logs them). Throws KustomizeError("VAR") for a var with no
 * resource or no such field.
 */
export function resolveVars(resMap: ResMap, vars: readonly VarSpec[], config: TransformerConfig): string[] {
  if (!vars.length) return [];
  const values = new Map<string, YamlValue>();
  for (const spec of [...vars].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    values.set(spec.name, varValue(resMap, spec));
  }
  const used = new Set<string>();
  const mapping = (name: string): YamlValue | undefined => {
    const v = values.get(name);
    // A map or list cannot go into a string: kustomize leaves `$(NAME)` as it was.
    if (v === undefined || isCollection(v)) return undefined;
    used.add(name);
    return v;
  };
  try {
    for (const r of resMap.resources()) {
      substituteVars(r, config.varReference, mapping);
      stringifyAnnotations(r);
    }
  } catch (e) {
    throw new KustomizeError("VAR", (e as Error).message, (e as KustomizeError).file);
  }
  return [...values.keys()].filter((n) => !used.has(n));
}

function varValue(resMap: ResMap, spec: VarSpec): YamlValue {
  const bound = resMap.resources().find((r) => r.refVarNames.includes(spec.name));
  if (!bound) {
    throw new KustomizeError(
      "VAR",
      `var '${formatDefaultedVar(spec)}' cannot be mapped to a field in the set of known resources`,
    );
  }
  const v = varFieldValue(bound.obj, spec.fieldPath);
  if (v === undefined) {
    throw new KustomizeError(
      "VAR",
      `field specified in var '${formatDefaultedVar(spec)}' not found in corresponding resource`,
    );
  }
  return v;
}
