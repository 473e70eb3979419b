import type { Accumulator, BuildContext } from "../build/accumulator.js";
import type { Resource } from "../resource/resource.js";
import { pluginOrigin } from "./origin.js";
import { adoptOrigin, recordTransformation } from "./transformations.js";

/**
 * The configs of a `transformers:` or `generators:` field, as `load` reads them, for the caller to
 * run one at a time. With build metadata on, once the caller has run a config — that is, when it
 * asks for the next one — the config is recorded as kustomize's OriginFromCustomPlugin describes
 * it: a transformer in every resource's transformations, a generator as the origin of what it
 * made.
 */
export function* trackPluginConfigs(
  ctx: BuildContext,
  acc: Accumulator,
  field: "transformers" | "generators",
  configs: Resource[],
): Generator<Resource, void, undefined> {
  const meta = ctx.meta;
  if (!meta) {
    yield* configs;
    return;
  }
  for (const cfg of configs) {
    yield cfg;
    const origin = pluginOrigin(meta, cfg);
    if (field === "transformers") recordTransformation(acc.resMap, origin);
    else adoptOrigin(acc.resMap.resources(), origin);
  }
}
