import { stringifyAll } from "@kfrender/yaml";
import { type BuildMetadataState, addManagedByLabel, finishBuildMetadataAnnotations } from "../build-metadata/index.js";
import type { FileSystem } from "../fs/file-system.js";
import { appendNameHashes } from "../generators/index.js";
import { FileLoader } from "../loader/file-loader.js";
import type { LoadRestrictor } from "../loader/loader.js";
import { LOCAL_CONFIG_ANNOTATION } from "../resource/read-resources.js";
import type { Resource } from "../resource/resource.js";
import { OpenApiSelection } from "../openapi/index.js";
import { resolveNameReferences } from "../transformers/index.js";
import { stringifyAnnotations } from "../transformers/replacements.js";
import { requireResourceNames, resolveVars } from "../transformers/vars.js";
import { applySortOptions } from "../transformers/sort-options.js";
import { accumulateRoot } from "./accumulate-target.js";
import { requirePlainAnnotationKeys } from "./annotation-keys.js";
import type { Accumulator, BuildContext } from "./accumulator.js";

export interface BuildOptions {
  /** Where every file is read from. */
  fs: FileSystem;
  /** Default `LoadRestrictionsRootOnly`, as kubectl kustomize. */
  loadRestrictor?: LoadRestrictor;
  /**
   * Values for env-file keys written without `=value`. kubectl kustomize (v5) gives such keys an
   * empty value, which is what omitting this yields; kustomize v3 (kfctl's) read the process
   * environment, which `kfrender render` passes here.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface BuildResult {
  /** The output resources, in output order. */
  resources: Resource[];
  /** Deprecation notices kustomize prints on stderr. */
  warnings: string[];
}

/**
 * Builds the kustomization in `dir`: read files → parse → accumulate resources (recursively)
 * → transform → final name hashes, name references, vars → sort. Pure: reads through `opts.fs`.
 */
export function build(dir: string, opts: BuildOptions): BuildResult {
  const ctx: BuildContext = { warnings: [], openapi: new OpenApiSelection() };
  const loader = FileLoader.forRoot(dir, {
    fs: opts.fs,
    restrictor: opts.loadRestrictor ?? "LoadRestrictionsRootOnly",
    env: opts.env ?? {},
  });
  const { acc, kust } = accumulateRoot(ctx, loader);
  finish(acc, ctx.meta);
  const kept = acc.resMap.resources().filter((r) => !isLocalConfig(r));
  for (const r of kept) requirePlainAnnotationKeys(r);
  const resources = applySortOptions(kept, kust.sortOptions);
  if (ctx.meta?.managedBy) addManagedByLabel(resources);
  return { resources, warnings: ctx.warnings };
}

/** `build`, printed exactly as `kubectl kustomize` prints it. */
export function buildToYaml(dir: string, opts: BuildOptions): string {
  return stringifyAll(build(dir, opts).resources.map((r) => r.obj));
}

/** The steps kustomize runs once, after the whole tree is accumulated. */
function finish(acc: Accumulator, meta: BuildMetadataState | undefined): void {
  appendNameHashes(acc.resMap.resources());
  resolveNameReferences(acc.resMap, acc.config);
  resolveVars(acc.resMap, acc.vars, acc.config);
  for (const r of acc.resMap.resources()) {
    finishBuildMetadataAnnotations(r, meta);
    dropEmptyAnnotations(r);
    stringifyAnnotations(r);
  }
  requireResourceNames(acc.resMap);
}

/** kustomize never prints `annotations: {}` or `annotations: null` (labels it keeps). */
function dropEmptyAnnotations(r: Resource): void {
  const md = r.metadata;
  if (!md || !("annotations" in md)) return;
  const a = md.annotations;
  if (a === null || (typeof a === "object" && !Array.isArray(a) && Object.keys(a).length === 0)) delete md.annotations;
}

function isLocalConfig(r: Resource): boolean {
  const v = r.annotations()[LOCAL_CONFIG_ANNOTATION];
  return v !== undefined && v !== "false";
}
