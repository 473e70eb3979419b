import { isMap, parseAllDocuments, type ReadStats, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { isScalarName, Resource } from "./resource.js";

/** The annotation that keeps a resource out of the output (kustomize's IgnoredByKustomizeAnnotation). */
export const LOCAL_CONFIG_ANNOTATION = "config.kubernetes.io/local-config";

/**
 * Parses a manifest file into resources as kustomize's resource factory does: empty documents
 * are skipped, every `…List` kind that has an `items` key is flattened into its items, and each
 * object needs a kind and (unless it is a list) a metadata.name.
 */
export function resourcesFromText(text: string, file: string, stats?: ReadStats): Resource[] {
  let docs: YamlValue[];
  try {
    docs = parseAllDocuments(text, { file, stats });
  } catch (e) {
    const line = (e as { line?: number }).line;
    throw new KustomizeError("YAML_SYNTAX", `${file}: ${(e as Error).message}`, file, line);
  }
  return resourcesFromValues(docs, file);
}

export function resourcesFromValues(values: YamlValue[], file: string): Resource[] {
  const out: Resource[] = [];
  const queue = values.filter((v) => !isEmpty(v));
  for (const v of queue) validate(v, file);
  while (queue.length) {
    const obj = queue.shift() as YamlMap;
    const kind = obj.kind as string;
    // A `…List` kind without an `items` key is an ordinary resource (kustomize issues 5042, 5485).
    if (!kind.endsWith("List") || !("items" in obj)) {
      // kustomize gives such a List the empty metadata it never had.
      if (!("metadata" in obj)) obj.metadata = {};
      out.push(new Resource(obj));
      continue;
    }
    const items = obj.items;
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      throw new KustomizeError("INVALID_RESOURCE", `${file}: expected array in ${kind}/items, but found ${typeof items}`, file);
    }
    const inner = items.filter((v) => !isEmpty(v));
    for (const v of inner) validate(v, file);
    queue.push(...inner);
  }
  return out;
}

function isEmpty(v: YamlValue): boolean {
  return v === null || (isMap(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}

/** Each object needs a kind and a name. (Null list items are fine: kubectl prints `- null`.) */
function validate(v: YamlValue, file: string): asserts v is YamlMap {
  if (!isMap(v)) {
    throw new KustomizeError("INVALID_RESOURCE", `${file}: a resource must be a YAML mapping, found ${Array.isArray(v) ? "a sequence" : "a scalar"}`, file);
  }
  const kind = v.kind;
  if (typeof kind !== "string" || kind === "") {
    throw new KustomizeError("INVALID_RESOURCE", `${file}: missing kind in object ${briefly(v)}`, file);
  }
  if (kind.endsWith("List")) return;
  const md = v.metadata;
  const name = isMap(md) ? md.name : undefined;
  if ((typeof name !== "string" || name === "") && !isScalarName(name)) {
    throw new KustomizeError("INVALID_RESOURCE", `${file}: missing metadata.name in object of kind ${kind}`, file);
  }
}

function briefly(v: YamlMap): string {
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + "..." : s;
}
