import { createHash } from "node:crypto";
import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import type { Resource } from "../resource/resource.js";
import { goJson } from "./go-format.js";

/**
 * The content hash kustomize appends to a generated name (`name-<hash>`), computed from the
 * resource as it stands after all transformers.
 *
 * kustomize hashes a small JSON document: for a ConfigMap `{binaryData?, data, kind, name}`, for a
 * Secret `{data, kind, name, stringData?, type}`. Its lookup of `metadata/name` never finds the
 * name, so `name` is always "" — the hash depends on content only, which is why a namePrefix
 * does not change it. A missing field is "", `binaryData`/`stringData` appear only when they are
 * maps; labels, annotations, namespace and `immutable` are not hashed. The sha256 hex digest's
 * first ten characters become the suffix, with 0,1,3,a,e replaced so it holds no vowel or digit
 * that could spell a word.
 */
export function nameHashSuffix(resource: Resource): string {
  const obj = resource.obj;
  let doc: string;
  switch (resource.kind) {
    case "ConfigMap":
      doc = jsonObject({
        ...(isMap(obj.binaryData) ? { binaryData: obj.binaryData } : {}),
        data: fieldValue(obj, "data"),
        kind: "ConfigMap",
        name: "",
      });
      break;
    case "Secret":
      doc = jsonObject({
        data: fieldValue(obj, "data"),
        kind: "Secret",
        name: "",
        ...(isMap(obj.stringData) ? { stringData: obj.stringData } : {}),
        type: fieldValue(obj, "type"),
      });
      break;
    default:
      // kustomize marshals its internal YAML node here (with line numbers); content is the
      // closest reproducible stand-in.
      doc = goJson(obj);
  }
  return encodeHash(createHash("sha256").update(doc, "utf8").digest("hex"));
}

/**
 * kustomize's HashTransformer: every generated resource still marked for a hash gets
 * `name-<hash>` of its content as it stands, its previous id kept for name references. The mark
 * stays, so the build's own final run (or another HashTransformer) appends another.
 */
export function appendNameHashes(resources: readonly Resource[]): void {
  for (const r of resources) {
    if (!r.needsHashSuffix) continue;
    const suffix = nameHashSuffix(r);
    r.storePreviousId();
    r.setName(`${r.name}-${suffix}`);
  }
}

/** A top-level field as kustomize's hasher sees it: maps as maps, scalars as their text. */
function fieldValue(obj: YamlMap, field: string): YamlValue {
  const v = obj[field];
  if (v === undefined || v === null) return "";
  if (isMap(v)) return v;
  if (Array.isArray(v)) return null;
  return String(v);
}

/** Keys are written in the order given (callers list them sorted, as Go's encoder would). */
function jsonObject(fields: Record<string, YamlValue>): string {
  return `{${Object.entries(fields)
    .map(([k, v]) => `"${k}":${goJson(v)}`)
    .join(",")}}`;
}

const SUBSTITUTE: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };

function encodeHash(hex: string): string {
  let out = "";
  for (const c of hex.slice(0, 10)) out += SUBSTITUTE[c] ?? c;
  return out;
}
