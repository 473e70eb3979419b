import { isBareNull, type YamlMap } from "@kfrender/yaml";
import { emptyTransformerConfig } from "../fieldspecs/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from "../patch/index.js";
import {
  applyImages,
  applyAffixTransformer,
  applyNamespace,
  applyReplicas,
  setPairsAtFieldSpecs,
} from "../transformers/index.js";
import { applyReplacements } from "../transformers/replacements.js";
import { applyValueAdd } from "../transformers/value-add.js";
import type { NamespaceOptions, RoleBindingSubjectMode } from "../transformers/namespace.js";
import { appendNameHashes } from "../generators/index.js";
import { KustomizeError } from "../errors.js";
import { pluginId } from "../resource/res-id.js";
import type { Resource } from "../resource/resource.js";
import type { FieldSpec, Image, Patch, PatchJson6902, Replica, ReplacementField } from "../types/kustomization.js";
import { trackPluginConfigs } from "../build-metadata/index.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { isBuiltinConfig, loadPluginConfigs, notSupported } from "./plugin-configs.js";

/**
 * The `transformers:` field: kustomize's built-in transformers configured explicitly, in the order
 * their configs load (inline entries first, then files and directories). Paths inside a config
 * (a patch file) are read relative to this kustomization, even for configs from another directory.
 */
export function runTransformersField(ctx: BuildContext, acc: Accumulator, loader: FileLoader, entries: string[]): void {
  const file = `${loader.root}/kustomization.yaml`;
  for (const cfg of trackPluginConfigs(ctx, acc, "transformers", loadPluginConfigs(ctx, loader, entries, "transformers", file))) {
    applyBuiltinTransformer(ctx, acc, loader, cfg, "transformers", file);
  }
}

/**
 * Runs one config of a `transformers:` (or `validators:`) field, a built-in transformer, on the
 * accumulated resources; anything else is refused.
 */
export function applyBuiltinTransformer(
  ctx: BuildContext,
  acc: Accumulator,
  loader: FileLoader,
  cfg: Resource,
  field: "transformers" | "validators",
  file: string,
): void {
  const patchOptions = { schema: () => ctx.openapi.current(), isBareNull };
  if (!isBuiltinConfig(cfg)) throw notSupported(cfg, field, file);
  const a = cfg.obj as YamlMap & Record<string, any>;
  const specs = (a.fieldSpecs ?? []) as FieldSpec[];
  const config = emptyTransformerConfig();
  switch (cfg.kind) {
    case "PrefixSuffixTransformer":
    case "PrefixTransformer":
    case "SuffixTransformer": {
      requireFieldSpecs(cfg, file);
      // Each of the one-sided kinds reads only its own affix.
      if (cfg.kind !== "SuffixTransformer") applyAffixTransformer(acc.resMap, a.prefix ?? "", specs, "prefix");
      if (cfg.kind !== "PrefixTransformer") applyAffixTransformer(acc.resMap, a.suffix ?? "", specs, "suffix");
      break;
    }
    case "LabelTransformer":
      setPairsAtFieldSpecs(acc.resMap, a.labels ?? {}, specs);
      break;
    case "AnnotationsTransformer":
      setPairsAtFieldSpecs(acc.resMap, a.annotations ?? {}, specs);
      break;
    case "NamespaceTransformer":
      applyNamespace(acc.resMap, a.metadata?.namespace ?? "", { ...config, namespace: specs }, namespaceOptions(cfg, a, file));
      break;
    case "ImageTagTransformer":
      // Without an imageTag the name is empty, and an empty pattern matches no image.
      applyImages(acc.resMap, [(a.imageTag ?? { name: "" }) as Image], { ...config, images: specs });
      break;
    case "ReplicaCountTransformer":
      applyReplicas(acc.resMap, [a.replica as Replica], { ...config, replicas: specs });
      break;
    case "PatchTransformer":
      applyPatches(acc.resMap, [{ path: a.path, patch: a.patch, target: a.target, options: a.options } as Patch], loader, patchOptions);
      break;
    case "PatchJson6902Transformer":
      applyPatchesJson6902(acc.resMap, [{ target: a.target, path: a.path, patch: a.jsonOp } as PatchJson6902], loader);
      break;
    case "PatchStrategicMergeTransformer":
      applyPatchesStrategicMerge(acc.resMap, [...(a.paths ?? []), ...(a.patches ? [a.patches] : [])], loader, patchOptions);
      break;
    case "ReplacementTransformer":
      applyReplacements(acc.resMap, (a.replacements ?? []) as ReplacementField[], loader);
      break;
    case "ValueAddTransformer":
      applyValueAdd(acc.resMap, a, loader);
      break;
    case "HashTransformer":
      appendNameHashes(acc.resMap.resources());
      break;
    default:
      throw notSupported(cfg, field, file);
  }
}

/**
 * The prefix and suffix plugins refuse a config without `fieldSpecs` (absent or null); an empty
 * list is accepted and renames nothing.
 */
function requireFieldSpecs(cfg: Resource, file: string): void {
  const specs = (cfg.obj as YamlMap).fieldSpecs;
  if (specs === undefined || specs === null) {
    throw new KustomizeError("INVALID_KUSTOMIZATION", `plugin ${pluginId(cfg)} fails configuration: fieldSpecs is not expected to be nil (${file})`, file);
  }
}

const SUBJECT_MODES: readonly RoleBindingSubjectMode[] = ["defaultOnly", "none", "allServiceAccounts"];

/**
 * The NamespaceTransformer's options as kustomize's plugin reads them: `unsetOnly` must be a
 * boolean; `setRoleBindingSubjects` left out, null or empty means defaultOnly, and any value but
 * the three modes (a number reads as its text) fails the configuration.
 */
function namespaceOptions(cfg: Resource, a: YamlMap, file: string): NamespaceOptions {
  const fail = (why: string) => new KustomizeError("INVALID_KUSTOMIZATION", `transformers: plugin ${pluginId(cfg)} fails configuration: ${why} (${file})`, file);
  const unsetOnly = a.unsetOnly;
  if (unsetOnly !== undefined && unsetOnly !== null && typeof unsetOnly !== "boolean") {
    throw fail(`unsetOnly: cannot unmarshal ${Array.isArray(unsetOnly) ? "array" : typeof unsetOnly} into a bool`);
  }
  const mode = a.setRoleBindingSubjects;
  if (mode === undefined || mode === null || mode === "") return { unsetOnly: unsetOnly === true, setRoleBindingSubjects: "defaultOnly" };
  if (typeof mode === "object" || !SUBJECT_MODES.includes(String(mode) as RoleBindingSubjectMode)) {
    throw fail(`invalid value ${JSON.stringify(typeof mode === "object" ? mode : String(mode))} for setRoleBindingSubjects: must be one of "defaultOnly", "none" or "allServiceAccounts"`);
  }
  return { unsetOnly: unsetOnly === true, setRoleBindingSubjects: String(mode) as RoleBindingSubjectMode };
}
