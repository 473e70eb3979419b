import { clearScalarTags, isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Resource } from "../resource/resource.js";
import { applyOperations, JsonPatchError } from "./json6902/apply.js";
import type { Operation } from "./json6902/operations.js";
import { noteFieldWrite } from "../resource/field-writes.js";

/**
 * Applies JSON patch operations to one resource as kustomize does: the resource goes through JSON
 * (so integers beyond 2^53 lose precision, like Go's float64), and its annotations are then
 * rewritten as strings (kustomize re-sets them to keep its internal ones), which also drops an
 * empty `annotations` map.
 */
export function applyJsonPatch(res: Resource, ops: Operation[]): void {
  let result: YamlValue;
  try {
    result = applyOperations(res.obj, ops);
  } catch (e) {
    if (e instanceof JsonPatchError) throw new KustomizeError("PATCH", e.message);
    throw e;
  }
  if (!isMap(result)) {
    const type = Array.isArray(result) ? "array" : typeof result === "string" ? "string" : "number";
    throw new KustomizeError("PATCH", `json: cannot unmarshal ${type} into Go value of type map[string]interface {}`);
  }
  throughJson(result);
  res.obj = result;
  // kustomize replaces the whole node tree with the patched document.
  noteFieldWrite();
  normalizeAnnotations(res.obj);
  // kustomize then re-reads the resource's id, which must still be there.
  if (res.kind === "") throw new KustomizeError("PATCH", `missing kind in object ${brief(res.obj)}`);
  if (!res.kind.endsWith("List") && res.name === "") {
    throw new KustomizeError("PATCH", `missing metadata.name in object ${brief(res.obj)}`);
  }
}

function brief(obj: YamlMap): string {
  const s = JSON.stringify(obj, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * In place: the numbers a JSON round trip leaves (Go decodes every JSON number as float64), and
 * the tags it leaves: a float with an integral value comes back as an int (`1.0` is written `1`),
 * a timestamp as the string of its JSON form.
 */
function throughJson(v: YamlValue): void {
  if (v !== null && typeof v === "object") clearScalarTags(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (typeof x === "bigint") v[i] = Number(x);
      else if (typeof x === "object" && x !== null) throughJson(x);
    }
  } else if (isMap(v)) {
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = v[k]!;
      if (typeof x === "bigint") v[k] = Number(x);
      else if (typeof x === "object" && x !== null) throughJson(x);
    }
  }
}

function normalizeAnnotations(obj: YamlMap): void {
  if (obj.metadata === undefined) obj.metadata = {};
  const md = obj.metadata;
  if (!isMap(md)) return;
  const current = md.annotations;
  delete md.annotations;
  if (!isMap(current)) return;
  const keys = Object.keys(current);
  if (keys.length === 0) return;
  const out: YamlMap = {};
  for (const k of keys) {
    const v = current[k]!;
    out[k] = v === null ? "null" : typeof v === "object" ? "" : String(v);
  }
  md.annotations = out;
}
