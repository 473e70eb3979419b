import { makeTransformerConfig, mergeTransformerConfig } from "../fieldspecs/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator } from "./accumulator.js";

/**
 * The built-in field-spec tables plus this kustomization's `configurations:` and `crds:`, merged
 * into what its resources brought (kustomize's MergeConfig, run even with no configurations).
 */
export function mergeConfigurations(acc: Accumulator, loader: FileLoader, kust: Kustomization): void {
  acc.config = mergeTransformerConfig(acc.config, makeTransformerConfig(loader, kust.configurations ?? [], kust.crds ?? []));
}
