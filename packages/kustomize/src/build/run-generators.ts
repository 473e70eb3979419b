import type { FileLoader } from "../loader/file-loader.js";
import { generateConfigMaps, generateSecrets, mergeGeneratedIntoResMap } from "../generators/index.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator } from "./accumulator.js";

/** configMapGenerator then secretGenerator, each absorbed with its `behavior`. */
export function runGenerators(acc: Accumulator, loader: FileLoader, kust: Kustomization, _file: string): void {
  if (kust.configMapGenerator?.length) {
    mergeGeneratedIntoResMap(acc.resMap, generateConfigMaps(kust.configMapGenerator, kust.generatorOptions, loader));
  }
  if (kust.secretGenerator?.length) {
    mergeGeneratedIntoResMap(acc.resMap, generateSecrets(kust.secretGenerator, kust.generatorOptions, loader));
  }
}
