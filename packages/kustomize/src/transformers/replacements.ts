import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { goTimestamp, hasFloatTag, isMap, markScalar, setFloatTag, timestampText, writtenText } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import { resIdString } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { setInPlace } from "../resource/shared-nodes.js";
import type {
  FieldOptions,
  Replacement,
  ReplacementField,
  ReplacementSource,
  ReplacementTarget,
  Selector,
} from "../types/kustomization.js";
import { loadReplacements } from "./replacements/load.js";
import { lookup, readFound } from "./replacements/lookup.js";
import { type CreateKind, type Match, matchPath } from "./replacements/path-matcher.js";
import { splitFieldPath } from "./replacements/path-split.js";
import { decodeUnderTag, isCollection, resolvePlain, scalarText } from "./replacements/scalars.js";
import { hasIdFields, isSelectedBy, matchesLabelsAndAnnotations, replacementIds } from "./replacements/select.js";

const DEFAULT_FIELD_PATH = "metadata.name";

/**
 * The `replacements:` field (kustomize's ReplacementTransformer): each replacement copies one
 * source field into every target field it names, in order, so a later replacement sees the
 * earlier ones' writes. Errors are KustomizeError("REPLACEMENT") with kustomize's wording.
 */
export function applyReplacements(resMap: ResMap, fields: ReplacementField[], loader: Loader): void {
  if (!fields.length) return;
  const replacements = loadReplacements(fields, loader);
  try {
    for (const r of replacements) applyOne(resMap, r);
  } catch (e) {
    if (e instanceof KustomizeError) throw e;
    throw new KustomizeError("REPLACEMENT", (e as Error).message);
  }
}

function applyOne(resMap: ResMap, r: Replacement): void {
  if (!r.source || !r.targets?.length) {
    throw new Error("replacements must specify a source and at least one target");
  }
  const source = sourceField(resMap, r.source);
  for (const t of r.targets) applyTarget(resMap, source, t);
}

/**
 * The source field's value, and the text a scalar target takes from it: the text it was written
 * as (kustomize copies the node's text: `0x1F`, `1.0`, `True`, `2001-12-14`).
 */
interface SourceField {
  value(): YamlValue;
  text(): string;
}

/** The source field, read live (kustomize holds the node itself) unless a delimiter cut a copy. */
function sourceField(resMap: ResMap, source: ReplacementSource): SourceField {
  const res = selectSource(resMap, source);
  const fieldPath = source.fieldPath || DEFAULT_FIELD_PATH;
  let found;
  try {
    found = lookup(res.obj, splitFieldPath(fieldPath));
  } catch (e) {
    throw new Error(`error looking up replacement source: ${(e as Error).message}`);
  }
  const v = found && readFound(found);
  if (v === undefined || v === null || (isCollection(v) && !Object.keys(v).length)) {
    throw new Error(`fieldPath \`${fieldPath}\` is missing for replacement source ${resIdString(idOf(source))}`);
  }
  const live: SourceField = {
    value: () => readFound(found!),
    text: () => writtenText(found!.parent, found!.key) ?? scalarText(readFound(found!)),
  };
  const delimiter = source.options?.delimiter;
  if (!delimiter) return live;
  if (isCollection(v)) throw new Error("delimiter option can only be used with scalar nodes");
  const text = live.text();
  const parts = text.split(delimiter);
  const index = source.options?.index ?? 0;
  if (index >= parts.length || index < 0) {
    throw new Error(`options.index ${index} is out of bounds for value ${text}`);
  }
  const pieceText = parts[index]!;
  const piece = keepTag(v, pieceText, hasFloatTag(found!.parent, found!.key));
  return { value: () => piece, text: () => pieceText };
}

function selectSource(resMap: ResMap, source: ReplacementSource): Resource {
  let match: Resource | undefined;
  for (const r of resMap.resources()) {
    if (!replacementIds(r).some((id) => isSelectedBy(id, source))) continue;
    if (match) throw new Error(`multiple matches for selector ${resIdString(idOf(source))}`);
    match = r;
  }
  if (!match) throw new Error(`nothing selected by ${resIdString(idOf(source))}`);
  return match;
}

function idOf(s: Selector) {
  return {
    group: s.group ?? "",
    version: s.version ?? "",
    kind: s.kind ?? "",
    name: s.name ?? "",
    namespace: s.namespace ?? "",
  };
}

function applyTarget(resMap: ResMap, source: SourceField, t: ReplacementTarget): void {
  const select = t.select;
  if (!select) throw new Error("target must specify resources to select");
  const fieldPaths = t.fieldPaths?.length ? t.fieldPaths : [DEFAULT_FIELD_PATH];
  const rejects = t.reject ?? [];
  for (const r of resMap.resources()) {
    if (!matchesLabelsAndAnnotations(r, select)) continue;
    if (rejects.some((x) => (x.labelSelector || x.annotationSelector) && matchesLabelsAndAnnotations(r, x))) continue;
    const ids = replacementIds(r);
    // A resource is rejected when any of its ids, current or earlier, is.
    if (rejects.some((x) => hasIdFields(x) && ids.some((id) => isSelectedBy(id, x)))) continue;
    if (!ids.some((id) => isSelectedBy(id, select))) continue;
    for (const fp of fieldPaths) copyToField(r, fp, source, t.options);
    stringifyAnnotations(r);
  }
}

function copyToField(r: Resource, fieldPath: string, source: SourceField, options?: FieldOptions): void {
  const create: CreateKind | undefined = options?.create ? kindOf(source.value()) : undefined;
  const what = `unable to find${create ? " or create" : ""} field ${goQuote(fieldPath)} in replacement target`;
  let matches: Match[];
  try {
    matches = matchPath(r.obj, splitFieldPath(fieldPath), create);
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
  if (!matches.length) throw new Error(what);
  for (const m of matches) setField(m, source, options);
}

function kindOf(v: YamlValue): CreateKind {
  return Array.isArray(v) ? "seq" : isMap(v) ? "map" : "scalar";
}

/**
 * kustomize's setFieldValue: a scalar target takes only the source's text and keeps its own type
 * (so "8080" into `replicas: 1` stays a number, and text that cannot be one is an error); a map or
 * list target is replaced by a copy of the source.
 */
function setField(m: Match, source: SourceField, options?: FieldOptions): void {
  const slots = m.parent as Record<string | number, YamlValue>;
  const target = slots[m.key]!;
  let text: string | undefined;
  if (options?.delimiter) {
    if (isCollection(target)) throw new Error("delimiter option can only be used with scalar nodes");
    const own = m.created ? "" : (writtenText(m.parent, m.key) ?? scalarText(target));
    const parts = own.split(options.delimiter);
    const v = source.text();
    const index = options.index ?? 0;
    if (index < 0) parts.unshift(v);
    else if (index >= parts.length) parts.push(v);
    else parts[index] = v;
    text = parts.join(options.delimiter);
  }
  if (isCollection(target)) {
    slots[m.key] = structuredClone(source.value());
    return;
  }
  text ??= source.text();
  const floatTag = !m.created && hasFloatTag(m.parent, m.key);
  const timestamp = m.created ? undefined : timestampText(m.parent, m.key);
  const next = m.created
    ? resolvePlain(text).value
    : timestamp !== undefined
      ? decodeTimestamp(text)
      : decodeUnderTag(target, text, floatTag);
  // A scalar is set in its node (see shared-nodes.ts), which keeps its tag.
  if (typeof m.key === "string" && !Array.isArray(m.parent)) setInPlace(m.parent as YamlMap, m.key, next);
  else slots[m.key] = next;
  // The node keeps its tag and now holds `text`.
  setFloatTag(m.parent, m.key, false);
  markScalar(m.parent, m.key, text, floatTag, timestamp !== undefined);
}

/** yaml.v3 decoding text under a !!timestamp tag: the JSON form of a valid timestamp. */
function decodeTimestamp(text: string): YamlValue {
  const json = goTimestamp(text);
  if (json !== undefined) return json;
  throw new Error(`map[string]interface {}(nil): yaml: cannot decode !!${resolvePlain(text).tag} \`${text}\` as a !!timestamp`);
}

/** A delimiter-cut piece keeps the tag of the field it was cut from. */
function keepTag(from: YamlValue, text: string, floatTag: boolean): YamlValue {
  try {
    return decodeUnderTag(from, text, floatTag);
  } catch {
    return text;
  }
}

/** kustomize writes annotations back as strings (their nodes' text) at the end of a build. */
export function stringifyAnnotations(r: Resource): void {
  const a = r.metadata?.annotations;
  if (!isMap(a)) return;
  for (const [k, v] of Object.entries(a)) {
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") a[k] = writtenText(a, k) ?? scalarText(v);
  }
}

/** Go's %q for the ASCII field paths kustomize quotes. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
