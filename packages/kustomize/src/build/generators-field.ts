import { generateConfigMaps, generateSecrets, mergeGeneratedIntoResMap } from "../generators/index.js";
import { generateIamPolicy } from "../generators/iam-policy-generator.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { GeneratorArgs } from "../types/kustomization.js";
import { trackPluginConfigs } from "../build-metadata/index.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { isBuiltinConfig, loadPluginConfigs, notSupported } from "./plugin-configs.js";

/**
 * The `generators:` field: built-in ConfigMapGenerator / SecretGenerator / IAMPolicyGenerator
 * configs, in the order they load (inline entries first, then files and directories).
 */
export function runGeneratorsField(ctx: BuildContext, acc: Accumulator, loader: FileLoader, entries: string[], file: string): void {
  for (const cfg of trackPluginConfigs(ctx, acc, "generators", loadPluginConfigs(ctx, loader, entries, "generators", file))) {
    if (!isBuiltinConfig(cfg)) throw notSupported(cfg, "generators", file);
    // The config's own `name`/`namespace` win; its metadata only fills them in (kustomize's Config).
    const own = cfg.obj as GeneratorArgs;
    const args = { ...own, name: own.name || cfg.name, namespace: own.namespace || cfg.namespace || undefined } as GeneratorArgs;
    if (cfg.kind === "ConfigMapGenerator") {
      mergeGeneratedIntoResMap(acc.resMap, generateConfigMaps([args], undefined, loader, file), file);
    } else if (cfg.kind === "SecretGenerator") {
      mergeGeneratedIntoResMap(acc.resMap, generateSecrets([args], undefined, loader, file), file);
    } else if (cfg.kind === "IAMPolicyGenerator") {
      mergeGeneratedIntoResMap(acc.resMap, generateIamPolicy(cfg, file), file);
    } else {
      throw notSupported(cfg, "generators", file);
    }
  }
}
