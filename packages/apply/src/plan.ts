import type { YamlMap } from "@kfrender/yaml";
import { type ApplySetRef, applySetId } from "./applyset.js";
import { builtinKind } from "./builtin-kinds.js";
import { ApplyError } from "./errors.js";
import { type Phase, orderForApply } from "./install-order.js";
import { inputCrds } from "./input-crds.js";
import { APPLY_PATCH_CONTENT_TYPE, applyBody, applyQuery, resourcePath } from "./request-body.js";
import { describeRef, type ResourceRef, refKey, refOf } from "./resource-ref.js";

export interface PlannedRequest {
  ref: ResourceRef;
  phase: Phase;
  method: "PATCH";
  path: string;
  query: Record<string, string | undefined>;
  contentType: string;
  body: string;
  /** What the step waits for, or why its path is a guess. */
  note?: string;
}

export interface PlanOptions {
  fieldManager?: string;
  forceConflicts?: boolean;
  defaultNamespace?: string;
  set?: ApplySetRef;
}

/**
 * The client dry run: the exact requests an apply would send, in order, without a server. REST
 * names and scopes come from the built-in table and the input's own CRDs; for any other kind they
 * are a guess (lower-case plural, namespaced when the manifest names a namespace), and say so.
 */
export function planApply(objects: YamlMap[], opts: PlanOptions = {}): PlannedRequest[] {
  const refs = objects.map((o, i) => refOf(o, i));
  const seen = new Set<string>();
  for (const r of refs) {
    if (seen.has(refKey(r))) throw new ApplyError("INVALID_INPUT", `${describeRef(r)} appears more than once in the input`);
    seen.add(refKey(r));
  }
  const crds = inputCrds(objects, refs);
  const defaultNamespace = opts.defaultNamespace ?? "default";
  const partOf = opts.set ? applySetId(opts.set) : undefined;
  const query = applyQuery(opts.fieldManager ?? "kfrender", opts.forceConflicts ?? false, false);
  const waited = new Set<string>();
  return orderForApply(objects, refs).map(({ item, ref, phase }) => {
    const builtin = builtinKind(ref.group, ref.kind);
    const crd = crds.get(`${ref.group}|${ref.kind}`);
    const plural = builtin?.plural ?? crd?.plural ?? `${ref.kind.toLowerCase()}s`;
    const namespaced = builtin?.namespaced ?? crd?.namespaced ?? ref.namespace !== undefined;
    const namespace = namespaced ? (ref.namespace ?? defaultNamespace) : undefined;
    const resolved: ResourceRef = { ...ref };
    if (namespace) resolved.namespace = namespace;
    else delete resolved.namespace;
    // The wait happens once, before the first custom resource of each CRD.
    const firstOfCrd = crd !== undefined && !waited.has(crd.name);
    if (crd) waited.add(crd.name);
    const note = firstOfCrd
      ? `waits for CustomResourceDefinition ${crd.name} to be Established`
      : crd || builtin
        ? undefined
        : "kind not known without a server: REST path guessed";
    return {
      ref: resolved,
      phase,
      method: "PATCH" as const,
      path: resourcePath({ group: ref.group, version: ref.version, plural, namespaced }, namespace, ref.name),
      query,
      contentType: APPLY_PATCH_CONTENT_TYPE,
      body: applyBody(item, namespace, namespaced, partOf),
      ...(note ? { note } : {}),
    };
  });
}
