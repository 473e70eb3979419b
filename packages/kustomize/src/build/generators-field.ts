import { generateConfigMaps, generateSecrets, mergeGeneratedIntoResMap } from "../generators/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { GeneratorArgs } from "../types/kustomization.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { loadPluginConfigs, notSupported } from "./plugin-configs.js";

/** The `generators:` field: built-in ConfigMapGenerator / SecretGenerator configs. */
export function runGeneratorsField(_ctx: BuildContext, acc: Accumulator, loader: FileLoader, entries: string[], file: string): void {
  for (const cfg of loadPluginConfigs(loader, entries, "generators", file)) {
    const args = { ...(cfg.obj as object), name: cfg.name, namespace: cfg.namespace || undefined } as GeneratorArgs;
    if (cfg.kind === "ConfigMapGenerator") {
      mergeGeneratedIntoResMap(acc.resMap, generateConfigMaps([args], undefined, loader, file), file);
    } else if (cfg.kind === "SecretGenerator") {
      mergeGeneratedIntoResMap(acc.resMap, generateSecrets([args], undefined, loader, file), file);
    } else {
      throw notSupported(cfg, "generators", file);
    }
  }
}
