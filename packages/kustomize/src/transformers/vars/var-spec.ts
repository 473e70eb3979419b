import { gvkString } from "../../resource/res-id.js";
import type { Var } from "../../types/kustomization.js";

/** A var as kustomize holds it after defaulting: the objref's gvk parsed, the field path filled in. */
export interface VarSpec {
  name: string;
  group: string;
  version: string;
  kind: string;
  objName: string;
  objNamespace: string;
  fieldPath: string;
  /** The field path as written ("" when absent), for messages that print the var before defaulting. */
  rawFieldPath: string;
}

export const DEFAULT_VAR_FIELD_PATH = "metadata.name";

/** Go's encoding/json field lookup: an exact key first, else a case-insensitive one. */
function field(obj: unknown, key: string): unknown {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  if (Object.hasOwn(o, key)) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The objref's gvk as written: its own group/version/kind fields, apiVersion not yet applied. */
function rawGvk(v: Var): { group: string; version: string; kind: string } {
  const ref = field(v, "objref");
  return { group: str(field(ref, "group")), version: str(field(ref, "version")), kind: str(field(ref, "kind")) };
}

/** kustomize's Var.Defaulting (Target.GVK: an apiVersion overrides group and version). */
export function defaultVar(v: Var): VarSpec {
  const ref = field(v, "objref");
  const gvk = rawGvk(v);
  const apiVersion = str(field(ref, "apiVersion"));
  if (apiVersion) {
    const parts = apiVersion.split("/");
    if (parts.length === 2) [gvk.group, gvk.version] = parts as [string, string];
    else if (parts.length === 1) gvk.version = parts[0]!;
  }
  const rawFieldPath = str(field(field(v, "fieldref"), "fieldPath"));
  return {
    name: str(field(v, "name")),
    ...gvk,
    objName: str(field(ref, "name")),
    objNamespace: str(field(ref, "namespace")),
    fieldPath: rawFieldPath || DEFAULT_VAR_FIELD_PATH,
    rawFieldPath,
  };
}

/**
 * Go's `%v` of a types.Var: `{NAME Kind.version.group {fieldpath}}`. The objref prints as its gvk
 * only (Target embeds Gvk, whose String method it inherits).
 */
export function formatVar(name: string, gvk: { group: string; version: string; kind: string }, fieldPath: string): string {
  return `{${name} ${gvkString(gvk)} {${fieldPath}}}`;
}

/** A var as written in the kustomization, before any defaulting. */
export function formatRawVar(v: Var): string {
  return formatVar(str(field(v, "name")), rawGvk(v), str(field(field(v, "fieldref"), "fieldPath")));
}

/** A var after Target.GVK() but before its field path is defaulted (MergeVars' messages). */
export function formatMatchingVar(s: VarSpec): string {
  return formatVar(s.name, s, s.rawFieldPath);
}

/** A var after defaulting (ResolveVars' messages). */
export function formatDefaultedVar(s: VarSpec): string {
  return formatVar(s.name, s, s.fieldPath);
}
