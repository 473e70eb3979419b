import { isMap, parseAllDocuments } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import { resourcesFromValues } from "../resource/read-resources.js";
import { pluginId } from "../resource/res-id.js";
import type { Resource } from "../resource/resource.js";
import { accumulateResources } from "./accumulate-target.js";
import type { BuildContext } from "./accumulator.js";
import { emptyAccumulator } from "./merge-accumulator.js";

/**
 * The configs listed in `transformers:` / `generators:` / `validators:`, in the order kustomize
 * runs them: first every inline entry (YAML holding one or more configs), then the other entries
 * loaded exactly like `resources:` — files, and kustomization directories whose built output (with
 * their own prefixes, namespaces, patches...) is the configs. All of them share one id space.
 */
export function loadPluginConfigs(
  ctx: BuildContext,
  loader: FileLoader,
  entries: string[],
  field: string,
  file: string,
): Resource[] {
  const acc = emptyAccumulator();
  const paths: string[] = [];
  try {
    for (const entry of entries) {
      if (isInline(entry)) acc.resMap.appendAll(resourcesFromValues(parseAllDocuments(entry, { file }), file));
      else paths.push(entry);
    }
  } catch (e) {
    if (e instanceof KustomizeError && e.code === "ID_CONFLICT") {
      throw new KustomizeError(e.code, `configuring external ${field.replace(/s$/, "")}: ${e.message}`, file);
    }
    throw e;
  }
  if (paths.length) accumulateResources(ctx, acc, loader, paths);
  return acc.resMap.resources();
}

/** kustomize tries every entry as YAML first; a bare path never parses as a resource. */
function isInline(entry: string): boolean {
  return entry.includes("\n") || /^\s*(apiVersion|kind)\s*:/.test(entry);
}

/**
 * Only `apiVersion: builtin` configs name kustomize's built-in plugins; anything else is an
 * external plugin, which kubectl kustomize refuses (its plugins are disabled).
 */
export function isBuiltinConfig(r: Resource): boolean {
  return r.apiVersion === "builtin";
}

const BUILTIN_GENERATORS: ReadonlySet<string> = new Set([
  "ConfigMapGenerator",
  "HelmChartInflationGenerator",
  "IAMPolicyGenerator",
  "SecretGenerator",
]);

const BUILTIN_TRANSFORMERS: ReadonlySet<string> = new Set([
  "AnnotationsTransformer",
  "HashTransformer",
  "ImageTagTransformer",
  "LabelTransformer",
  "NamespaceTransformer",
  "PatchJson6902Transformer",
  "PatchStrategicMergeTransformer",
  "PatchTransformer",
  "PrefixSuffixTransformer",
  "PrefixTransformer",
  "ReplacementTransformer",
  "ReplicaCountTransformer",
  "SortOrderTransformer",
  "SuffixTransformer",
  "ValueAddTransformer",
]);

/**
 * The error for a config kfrender does not run under `field` (a sort of "transformer" or
 * "generator"): an external plugin (refused by kubectl too), a built-in of the other sort, a kind
 * kustomize has no built-in for, or a built-in kfrender does not implement.
 */
export function notSupported(r: Resource, field: string, file: string): KustomizeError {
  const sort = field === "generators" ? "generator" : "transformer";
  if (!isMap(r.obj) || !isBuiltinConfig(r)) {
    return new KustomizeError(
      "UNSUPPORTED",
      `${field}: external plugins disabled; unable to load external plugin '${r.kind}' (${r.apiVersion}/${r.kind} '${r.name}' is an exec, container or Go plugin; kfrender does not run plugins) (${file})`,
      file,
    );
  }
  const isGenerator = BUILTIN_GENERATORS.has(r.kind);
  if (!isGenerator && !BUILTIN_TRANSFORMERS.has(r.kind)) {
    return new KustomizeError("INVALID_KUSTOMIZATION", `${field}: unable to load builtin ${r.kind}.builtin.[noGrp] (${file})`, file);
  }
  if (isGenerator !== (sort === "generator")) {
    return new KustomizeError("INVALID_KUSTOMIZATION", `${field}: plugin ${pluginId(r)} not a ${sort} (${file})`, file);
  }
  return new KustomizeError("UNSUPPORTED", `${field}: builtin ${r.kind} is not supported by kfrender (${file})`, file);
}

/** A kustomization field kfrender refuses (helm charts). */
export function unsupported(what: string, file: string): KustomizeError {
  return new KustomizeError("UNSUPPORTED", `${what} is not supported by kfrender (${file})`, file);
}
