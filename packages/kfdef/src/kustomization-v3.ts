// Kustomization files as kfctl read and wrote them: through kustomize v3.2.0's
// `types.Kustomization` struct with ghodss/yaml (spec §6). Reading drops unknown fields and types
// scalars as yaml.v2 does; writing omits empty values. The generated file is read again by
// kustomize v5, so every string is written double-quoted and nothing changes type on the way.

import { type Schema, DecodeError, decode, hasNonFinite } from "./go-decode.js";
import { GoYamlError, isGoMap, readFirstDocument } from "./go-yaml.js";

const str: Schema = { t: "string" };
/** A field of an embedded Go struct: ghodss cannot see its type, so no scalar → string conversion. */
const embeddedStr: Schema = { t: "string", coerce: false };
const strList: Schema = { t: "list", of: str };
const embeddedStrList: Schema = { t: "list", of: embeddedStr };
const strMap: Schema = { t: "map" };

const generatorArgs = {
  namespace: embeddedStr,
  name: embeddedStr,
  behavior: embeddedStr,
  literals: embeddedStrList,
  files: embeddedStrList,
  envs: embeddedStrList,
  env: embeddedStr,
};

const gvk = { group: embeddedStr, version: embeddedStr, kind: embeddedStr };

const patchTarget: Schema = { t: "struct", ptr: true, fields: { ...gvk, namespace: str, name: str } };

export const KUSTOMIZATION_V3: Schema = {
  t: "struct",
  fields: {
    apiVersion: embeddedStr,
    kind: embeddedStr,
    namePrefix: str,
    nameSuffix: str,
    namespace: str,
    commonLabels: strMap,
    commonAnnotations: strMap,
    patchesStrategicMerge: strList,
    patchesJson6902: { t: "list", of: { t: "struct", fields: { target: patchTarget, path: str, patch: str } } },
    patches: {
      t: "list",
      of: {
        t: "struct",
        fields: {
          path: str,
          patch: str,
          target: {
            t: "struct",
            ptr: true,
            fields: { ...gvk, namespace: str, name: str, annotationSelector: str, labelSelector: str },
          },
        },
      },
    },
    images: { t: "list", of: { t: "struct", fields: { name: str, newName: str, newTag: str, digest: str } } },
    replicas: { t: "list", of: { t: "struct", fields: { name: str, count: { t: "int" } } } },
    vars: {
      t: "list",
      of: {
        t: "struct",
        fields: {
          name: str,
          objref: { t: "struct", fields: { apiVersion: str, ...gvk, name: str, namespace: str } },
          fieldref: { t: "struct", fields: { fieldPath: str } },
        },
      },
    },
    resources: strList,
    crds: strList,
    bases: strList,
    configMapGenerator: { t: "list", of: { t: "struct", fields: generatorArgs } },
    secretGenerator: { t: "list", of: { t: "struct", fields: { ...generatorArgs, type: str } } },
    generatorOptions: {
      t: "struct",
      ptr: true,
      fields: { labels: strMap, annotations: strMap, disableNameSuffixHash: { t: "bool" } },
    },
    configurations: strList,
    generators: strList,
    transformers: strList,
    inventory: {
      t: "struct",
      ptr: true,
      fields: { type: str, configMap: { t: "struct", fields: { name: str, namespace: str } } },
    },
  },
};

export interface PatchTargetV3 {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

export interface GeneratorArgsV3 {
  namespace?: string;
  name?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
}

export interface SecretArgsV3 extends GeneratorArgsV3 {
  type?: string;
}

export interface VarV3 {
  name?: string;
  objref?: { apiVersion?: string; group?: string; version?: string; kind?: string; name?: string; namespace?: string };
  fieldref?: { fieldPath?: string };
}

export interface PatchJson6902V3 {
  target?: PatchTargetV3;
  path?: string;
  patch?: string;
}

export interface ImageV3 {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** kustomize v3.2.0 `types.Kustomization`; absent (`undefined`) = Go nil / zero. */
export interface KustomizationV3 {
  apiVersion?: string;
  kind?: string;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchJson6902V3[];
  patches?: { path?: string; patch?: string; target?: PatchTargetV3 & { annotationSelector?: string; labelSelector?: string } }[];
  images?: ImageV3[];
  replicas?: { name?: string; count?: bigint }[];
  vars?: VarV3[];
  resources?: string[];
  crds?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgsV3[];
  secretGenerator?: SecretArgsV3[];
  generatorOptions?: { labels?: Record<string, string>; annotations?: Record<string, string>; disableNameSuffixHash?: boolean };
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  inventory?: { type?: string; configMap?: { name?: string; namespace?: string } };
}

export type ReadResult = { ok: true; value: KustomizationV3 } | { ok: false; reason: string };

/**
 * Reads a kustomization as kfctl did (`GetKustomization`): first document, yaml.v2 typing, v3 schema.
 * Not ok for YAML errors, type errors, non-finite floats anywhere, or a document that is not a mapping.
 * An empty document is an empty kustomization.
 */
export function readKustomizationV3(text: string): ReadResult {
  let doc;
  try {
    doc = readFirstDocument(text);
  } catch (e) {
    return { ok: false, reason: e instanceof GoYamlError ? e.message : String(e) };
  }
  if (doc !== null && !isGoMap(doc)) return { ok: false, reason: "not a mapping" };
  if (hasNonFinite(doc)) return { ok: false, reason: "NaN or infinite number" };
  try {
    return { ok: true, value: decode(doc, KUSTOMIZATION_V3) as KustomizationV3 };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, reason: e.message };
    throw e;
  }
}

// ---- writing ----------------------------------------------------------------------------------

/** Field order of the v3 struct (json.Marshal order is irrelevant to kustomize, this one reads well). */
const TOP_ORDER = Object.keys((KUSTOMIZATION_V3 as { fields: Record<string, Schema> }).fields);

/** Fields ghodss writes even when empty (no `omitempty` in the v3 types). */
const ALWAYS = new Set(["patchesJson6902[].target", "patchesJson6902[].target.name", "vars[].name", "vars[].objref", "vars[].objref.name", "vars[].fieldref"]);

type Out = string | boolean | bigint | Out[] | { [k: string]: Out };

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === false || v === 0n) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

function prune(v: unknown, path: string, schema: Schema): Out | undefined {
  if (schema.t === "struct") {
    if (v === undefined) return undefined;
    const o = v as Record<string, unknown>;
    const out: Record<string, Out> = {};
    for (const name of Object.keys(schema.fields)) {
      const p = `${path}.${name}`;
      const fv = prune(o[name], p, schema.fields[name]!);
      if (fv !== undefined) out[name] = fv;
      else if (ALWAYS.has(p.slice(1))) out[name] = schema.fields[name]!.t === "struct" ? {} : "";
    }
    // A non-nil pointer to an empty struct is still written (`generatorOptions: {}`).
    return out;
  }
  if (schema.t === "list") {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    return v.map((item) => prune(item, `${path}[]`, schema.of) ?? (schema.of.t === "string" ? "" : {}));
  }
  if (schema.t === "map") {
    if (v === undefined || v === null) return undefined;
    const o = v as Record<string, string>;
    const keys = Object.keys(o);
    if (keys.length === 0) return undefined;
    const out: Record<string, Out> = Object.create(null);
    for (const k of keys) out[k] = o[k]!;
    return out;
  }
  if (isEmpty(v)) return undefined;
  return v as Out;
}

function scalarText(v: Out): string | undefined {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  return Object.keys(v).length === 0 ? "{}" : undefined;
}

/** Block-style YAML indented by two; field names of the top level plain, every other key quoted. */
function emitMap(m: { [k: string]: Out }, pad: string, lines: string[], firstLead?: string, plainKeys = false): void {
  let first = true;
  for (const [k, v] of Object.entries(m)) {
    const lead = first && firstLead !== undefined ? firstLead : pad;
    first = false;
    const key = plainKeys ? k : JSON.stringify(k);
    const inline = scalarText(v);
    if (inline !== undefined) lines.push(`${lead}${key}: ${inline}`);
    else {
      lines.push(`${lead}${key}:`);
      if (Array.isArray(v)) emitList(v, pad + "  ", lines);
      else emitMap(v as { [k: string]: Out }, pad + "  ", lines);
    }
  }
}

function emitList(list: Out[], pad: string, lines: string[]): void {
  for (const item of list) {
    const inline = scalarText(item);
    if (inline !== undefined) lines.push(`${pad}- ${inline}`);
    else if (Array.isArray(item)) {
      lines.push(`${pad}-`);
      emitList(item, pad + "  ", lines);
    } else emitMap(item as { [k: string]: Out }, pad + "  ", lines, `${pad}- `);
  }
}

/** The kustomization as kfctl wrote it (§6): empty values omitted, every string double-quoted. */
export function writeKustomizationV3(k: KustomizationV3): string {
  const pruned = prune(k, "", KUSTOMIZATION_V3) as Record<string, Out>;
  const ordered: { [k: string]: Out } = {};
  for (const key of TOP_ORDER) if (pruned[key] !== undefined) ordered[key] = pruned[key]!;
  const lines: string[] = [];
  emitMap(ordered, "", lines, undefined, true);
  return lines.join("\n") + "\n";
}
