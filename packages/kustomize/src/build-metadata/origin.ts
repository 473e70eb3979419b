import { isMap, parseYaml11, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Resource } from "../resource/resource.js";
import type { BuildMetadataState } from "./options.js";

export const ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
export const TRANSFORMATIONS_ANNOTATION = "alpha.config.kubernetes.io/transformations";

/** kustomize's Origin: where a resource came from, or which generator or transformer touched it. */
export interface ResourceOrigin {
  /** Path of the file (relative to its kustomization root) or the generator's config. */
  path?: string;
  repo?: string;
  ref?: string;
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

/** A generator or transformer that kustomize runs for a field of the current kustomization. */
export function builtinOrigin(meta: BuildMetadataState, kind: string): ResourceOrigin {
  return { configuredIn: meta.file, configuredBy: { apiVersion: "builtin", kind } };
}

/**
 * A config listed in `generators:` or `transformers:` (kustomize's OriginFromCustomPlugin): it was
 * configured where the config itself came from — the file (also one inside a listed directory)
 * its origin annotation names, or, inline, the kustomization file.
 */
export function pluginOrigin(meta: BuildMetadataState, cfg: Resource): ResourceOrigin {
  const own = readOrigin(cfg);
  const by: NonNullable<ResourceOrigin["configuredBy"]> = { apiVersion: cfg.apiVersion, kind: cfg.kind, name: cfg.name };
  if (cfg.namespace) by.namespace = cfg.namespace;
  const o: ResourceOrigin = { configuredIn: own ? own.path : meta.file, configuredBy: by };
  if (own?.repo) o.repo = own.repo;
  if (own?.ref) o.ref = own.ref;
  return o;
}

/**
 * The resource's annotations, created if missing. With build metadata on, kustomize keeps origins
 * and transformations as real annotations all through the build, where patches, selectors and
 * replacements see them; this build does the same.
 */
export function annotationsOf(r: Resource): YamlMap {
  const md = r.ensureMetadata();
  let a = md.annotations;
  if (!isMap(a)) md.annotations = a = {};
  return a;
}

export function hasOrigin(r: Resource): boolean {
  const a = r.metadata?.annotations;
  return isMap(a) && ORIGIN_ANNOTATION in a;
}

/** kustomize's SetOrigin. */
export function setOrigin(r: Resource, text: string): void {
  annotationsOf(r)[ORIGIN_ANNOTATION] = text;
}

/** The origin written in the resource's annotation (kustomize's GetOrigin); undefined if none. */
export function readOrigin(r: Resource): ResourceOrigin | undefined {
  const a = r.metadata?.annotations;
  if (!isMap(a) || !(ORIGIN_ANNOTATION in a)) return undefined;
  const v = parseAnnotation(r, ORIGIN_ANNOTATION, a[ORIGIN_ANNOTATION]);
  if (v !== null && !isMap(v)) throw notAn(r, ORIGIN_ANNOTATION, "an origin");
  return v === null ? {} : toOrigin(v);
}

/** Parses a build-metadata annotation the way kustomize unmarshals it. */
export function parseAnnotation(r: Resource, key: string, text: YamlValue | undefined): YamlValue {
  if (typeof text !== "string") throw notAn(r, key, "text");
  try {
    return parseYaml11(text);
  } catch (e) {
    throw new KustomizeError("INVALID_RESOURCE", `${r.kind} ${r.name}: annotation ${key}: ${(e as Error).message}`);
  }
}

export function notAn(r: Resource, key: string, what: string): KustomizeError {
  return new KustomizeError("INVALID_RESOURCE", `${r.kind} ${r.name}: annotation ${key} is not ${what}`);
}

/** kustomize's Origin struct read from YAML: known fields only, as text. */
export function toOrigin(m: YamlMap): ResourceOrigin {
  const by = isMap(m.configuredBy) ? m.configuredBy : {};
  const o: ResourceOrigin = {};
  for (const k of ["path", "repo", "ref", "configuredIn"] as const) {
    const v = text(m[k]);
    if (v) o[k] = v;
  }
  const configuredBy = { apiVersion: text(by.apiVersion) ?? "", kind: text(by.kind) ?? "", name: text(by.name), namespace: text(by.namespace) };
  if (configuredBy.apiVersion || configuredBy.kind || configuredBy.name || configuredBy.namespace) o.configuredBy = configuredBy;
  return o;
}

function text(v: YamlValue | undefined): string | undefined {
  return v === null || v === undefined || typeof v === "object" ? undefined : String(v);
}

