import { loadTransformerConfigFile, mergeTransformerConfig } from "../fieldspecs/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator } from "./accumulator.js";

/** `configurations:` files (and `crds:`) extend the field-spec tables for this kustomization and above. */
export function mergeConfigurations(acc: Accumulator, loader: FileLoader, kust: Kustomization): void {
  for (const path of kust.configurations ?? []) {
    acc.config = mergeTransformerConfig(acc.config, loadTransformerConfigFile(loader, path));
  }
}
