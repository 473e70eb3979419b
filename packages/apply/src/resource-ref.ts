import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { ApplyError } from "./errors.js";

/** Who a manifest is: enough to find it on a server and to tell two manifests apart. */
export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  /** As written in the input; the applier fills in the default for namespaced kinds. */
  namespace?: string;
  name: string;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** `Deployment.apps`, `Namespace`: the group-kind spelling of the ApplySet annotations and kubectl. */
export function groupKind(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind;
}

export function parseGroupKind(gk: string): { group: string; kind: string } {
  const dot = gk.indexOf(".");
  return dot < 0 ? { group: "", kind: gk } : { group: gk.slice(dot + 1), kind: gk.slice(0, dot) };
}

/** Identity within one apply: the version is left out, since two versions name the same object. */
export function refKey(r: { group: string; kind: string; namespace?: string; name: string }): string {
  return `${r.group}|${r.kind}|${r.namespace ?? ""}|${r.name}`;
}

export function describeRef(r: { group: string; kind: string; namespace?: string; name: string }): string {
  return `${groupKind(r.group, r.kind)} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
}

function str(v: YamlValue | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function refOf(obj: YamlMap, position: number): ResourceRef {
  const apiVersion = str(obj.apiVersion);
  const kind = str(obj.kind);
  const meta = isMap(obj.metadata) ? obj.metadata : undefined;
  const name = meta ? str(meta.name) : undefined;
  const where = `resource ${position + 1}${kind ? ` (${kind}${name ? ` ${name}` : ""})` : ""}`;
  if (!apiVersion) throw new ApplyError("INVALID_INPUT", `${where} has no apiVersion`);
  if (!kind) throw new ApplyError("INVALID_INPUT", `${where} has no kind`);
  if (!name) throw new ApplyError("INVALID_INPUT", `${where} has no metadata.name (generateName is not supported by apply)`);
  const namespace = meta ? str(meta.namespace) : undefined;
  return { ...splitApiVersion(apiVersion), kind, name, ...(namespace ? { namespace } : {}) };
}

/**
 * The objects of a parsed stream: maps only, with `kind: List` (and `FooList`) unwrapped the way
 * kubectl does, so `kubectl get -o yaml` output can be applied too.
 */
export function objectsFromDocuments(docs: YamlValue[]): YamlMap[] {
  const out: YamlMap[] = [];
  const visit = (v: YamlValue) => {
    if (!isMap(v)) {
      if (v !== null) throw new ApplyError("INVALID_INPUT", `a document is not a mapping: ${JSON.stringify(v)}`);
      return;
    }
    if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items)) {
      for (const item of v.items) visit(item);
      return;
    }
    out.push(v);
  };
  for (const d of docs) visit(d);
  return out;
}
