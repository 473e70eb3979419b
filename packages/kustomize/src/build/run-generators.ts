import { adoptOrigin, builtinOrigin } from "../build-metadata/index.js";
import type { FileLoader } from "../loader/file-loader.js";
import { generateConfigMaps, generateSecrets, mergeGeneratedIntoResMap } from "../generators/index.js";
import type { Kustomization } from "../types/kustomization.js";
import type { Accumulator, BuildContext } from "./accumulator.js";
import { runGeneratorsField } from "./generators-field.js";
import { unsupported } from "./plugin-configs.js";

/** configMapGenerator then secretGenerator, each absorbed with its `behavior`; then `generators:`. */
export function runGenerators(ctx: BuildContext, acc: Accumulator, loader: FileLoader, kust: Kustomization, file: string): void {
  if (kust.configMapGenerator?.length) {
    const generated = generateConfigMaps(kust.configMapGenerator, kust.generatorOptions, loader, file);
    if (ctx.meta) adoptOrigin(generated, builtinOrigin(ctx.meta, "ConfigMapGenerator"));
    mergeGeneratedIntoResMap(acc.resMap, generated, file);
  }
  if (kust.secretGenerator?.length) {
    const generated = generateSecrets(kust.secretGenerator, kust.generatorOptions, loader, file);
    if (ctx.meta) adoptOrigin(generated, builtinOrigin(ctx.meta, "SecretGenerator"));
    mergeGeneratedIntoResMap(acc.resMap, generated, file);
  }
  if (kust.helmCharts?.length || kust.helmChartInflationGenerator?.length) {
    throw unsupported("helmCharts", file);
  }
  if (kust.generators?.length) runGeneratorsField(ctx, acc, loader, kust.generators, file);
}
