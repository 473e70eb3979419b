import { posix } from "node:path";
import { buildMetadataState, joinOriginPath, originText, setOrigin } from "../build-metadata/index.js";
import { KustomizeError } from "../errors.js";
import { type FileLoader, isRemoteReference } from "../loader/file-loader.js";
import { loadKustomizationFile } from "../loader/kustomization-file.js";
import { resourcesFromText } from "../resource/read-resources.js";
import type { Resource } from "../resource/resource.js";
import type { Kustomization } from "../types/kustomization.js";
import { mergeVars } from "../transformers/vars.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { emptyAccumulator, mergeAccumulator } from "./merge-accumulator.js";
import { mergeConfigurations } from "./merge-configurations.js";
import { runGenerators } from "./run-generators.js";
import { runTransformers } from "./run-transformers.js";
import { runValidatorsField } from "./validators-field.js";

export type { BuildContext } from "./accumulator.js";

/**
 * Accumulates one kustomization: its resources (files and sub-kustomizations), configurations,
 * generators, components, then its transformers and validators — in kustomize's order. A
 * component is applied to the accumulator of the kustomization that lists it, so it is passed
 * `acc` instead of a fresh one.
 */
export function accumulateTarget(
  ctx: BuildContext,
  loader: FileLoader,
  kust: Kustomization,
  file: string,
  acc: Accumulator = emptyAccumulator(),
): Accumulator {
  if (ctx.meta) ctx.meta.file = joinOriginPath(ctx.meta.dir, posix.basename(file));
  accumulateResources(ctx, acc, loader, kust.resources ?? []);
  mergeConfigurations(acc, loader, kust);
  runGenerators(ctx, acc, loader, kust, file);
  for (const path of kust.components ?? []) accumulateDirectory(ctx, acc, loader, path, true);
  runTransformers(ctx, acc, loader, kust);
  if (kust.validators?.length) runValidatorsField(ctx, acc, loader, kust.validators);
  acc.vars = mergeVars(acc.resMap, acc.vars, kust.vars ?? []);
  return acc;
}

/** Loads and accumulates the kustomization at the loader's root. */
export function accumulateRoot(ctx: BuildContext, loader: FileLoader): { acc: Accumulator; kust: Kustomization } {
  const { kustomization, file, warnings } = loadKustomizationFile(loader);
  ctx.warnings.push(...warnings);
  ctx.openapi.apply(kustomization.openapi, loader, true);
  ctx.meta = buildMetadataState(kustomization);
  return { acc: accumulateTarget(ctx, loader, kustomization, file), kust: kustomization };
}

/** `resources:` entries (files and kustomization directories); also how plugin-config paths load. */
export function accumulateResources(ctx: BuildContext, acc: Accumulator, loader: FileLoader, paths: string[]): void {
  for (const path of paths) {
    if (isRemoteReference(path)) {
      throw new KustomizeError(
        "REMOTE_UNSUPPORTED",
        `remote resources are not supported: '${path}' in ${loader.root} (kfrender reads only local files; vendor the remote base into the tree)`,
        loader.root,
      );
    }
    const abs = posix.resolve(loader.root, path);
    if (loader.fs.exists(abs) && loader.fs.isDirectory(abs)) {
      accumulateDirectory(ctx, acc, loader, path, false);
      continue;
    }
    const resources = readResourceFile(loader, path, abs);
    ctx.openapi.noteResources(resources);
    if (ctx.meta) {
      const origin = originText({ path: joinOriginPath(ctx.meta.dir, path) });
      for (const r of resources) setOrigin(r, origin);
    }
    for (const r of resources) acc.resMap.append(r);
  }
}

function readResourceFile(loader: FileLoader, path: string, abs: string): Resource[] {
  let text: string;
  try {
    text = loader.readFile(path);
  } catch (e) {
    if (e instanceof KustomizeError && e.code === "LOAD_RESTRICTION") throw e;
    throw new KustomizeError(
      "FILE_NOT_FOUND",
      `accumulating resources: accumulation err='accumulating resources from '${path}': ${(e as Error).message}': must build at directory: not a valid directory: '${abs}' does not exist`,
      abs,
    );
  }
  return resourcesFromText(text, loader.resolvePath(path));
}

function accumulateDirectory(
  ctx: BuildContext,
  acc: Accumulator,
  loader: FileLoader,
  path: string,
  isComponent: boolean,
): void {
  const child = loader.child(path);
  let loaded: ReturnType<typeof loadKustomizationFile>;
  try {
    loaded = loadKustomizationFile(child);
  } catch (e) {
    throw isComponent ? e : nestedError(e, path, child.root, "couldn't make target for");
  }
  const { kustomization, file, warnings } = loaded;
  ctx.warnings.push(...warnings);
  ctx.openapi.apply(kustomization.openapi, child, false);
  if (isComponent && kustomization.kind !== "Component") {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `accumulating components: expected kind 'Component' for path '${child.root}' but got '${kustomization.kind}'`,
      file,
    );
  }
  if (!isComponent && kustomization.kind === "Component") {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `accumulating resources: expected kind != 'Component' for path '${child.root}'`,
      file,
    );
  }
  // Origins below this directory are written from the root through `path`.
  const meta = ctx.meta;
  const parent = meta && { dir: meta.dir, file: meta.file };
  if (meta) meta.dir = joinOriginPath(meta.dir, path);
  if (isComponent) {
    // A component transforms everything accumulated so far, in place.
    accumulateTarget(ctx, child, kustomization, file, acc);
  } else {
    let built: Accumulator;
    try {
      built = accumulateTarget(ctx, child, kustomization, file);
    } catch (e) {
      throw nestedError(e, path, child.root, "recursed accumulation of");
    }
    mergeAccumulator(acc, built, child.root);
  }
  if (meta && parent) Object.assign(meta, parent);
}

/** kustomize's wording for a failure inside a directory listed in `resources:`. */
function nestedError(e: unknown, path: string, root: string, step: string): unknown {
  if (!(e instanceof KustomizeError)) return e;
  const where = `accumulating resources: accumulation err='accumulating resources from '${path}': '${root}' must resolve to a file'`;
  return new KustomizeError(e.code, `${where}: ${step} path '${root}': ${e.message}`, e.file);
}
