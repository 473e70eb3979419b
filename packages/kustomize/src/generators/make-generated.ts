import { setEntry, throughPluginConfig, type YamlMap, YamlError } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import { type GeneratorBehavior, Resource } from "../resource/resource.js";
import type { GeneratorArgs, GeneratorOptions } from "../types/kustomization.js";
import type { KvPair } from "./env-file.js";
import { mergeGeneratorOptions } from "./generator-options.js";
import { loadKvPairs } from "./kv-sources.js";
import { assertPlainStringKeys } from "./plain-keys.js";

export interface GeneratedKind {
  kind: "ConfigMap" | "Secret";
  /** Puts the pairs (unique keys, in source order) into the new object. */
  fill(obj: YamlMap, pairs: KvPair[], args: GeneratorArgs, file: string): void;
}

const BEHAVIORS: ReadonlySet<string> = new Set(["create", "merge", "replace"]);

/**
 * One ConfigMap or Secret from one generator entry. Checks run in kustomize's order (name, then
 * sources, then repeated keys) so the first error reported is the same one.
 */
export function makeGenerated(
  spec: GeneratedKind,
  args: GeneratorArgs,
  global: GeneratorOptions | undefined,
  loader: Loader,
  file: string,
): Resource {
  ({ args, global } = asPluginConfig(spec.kind, args, global, file));
  // kustomize says "configmap" for Secrets too.
  if (!args.name) throw new KustomizeError("GENERATOR", "a configmap must have a name", file);
  const name = String(args.name);
  const pairs = loadKvPairs(args, loader, file);
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key)) {
      throw new KustomizeError("GENERATOR", `configmap ${name} illegally repeats the key \`${p.key}\``, file);
    }
    seen.add(p.key);
  }

  const metadata: YamlMap = { name };
  if (args.namespace) metadata.namespace = String(args.namespace);
  const obj: YamlMap = { apiVersion: "v1", kind: spec.kind, metadata };
  spec.fill(obj, pairs, args, file);

  const options = mergeGeneratorOptions(args.options, global);
  const labels = stringMap(options.labels);
  if (labels) metadata.labels = labels;
  const annotations = stringMap(options.annotations);
  if (annotations) metadata.annotations = annotations;
  if (options.immutable) obj.immutable = true;
  assertPlainStringKeys(obj, file);

  const r = new Resource(obj);
  r.needsHashSuffix = !options.disableNameSuffixHash;
  // Anything but the three known words (even "Merge") behaves as create.
  const behavior = args.behavior ?? "";
  if (BEHAVIORS.has(behavior)) r.behavior = behavior as GeneratorBehavior;
  return r;
}

function stringMap(m: Record<string, unknown> | undefined): YamlMap | undefined {
  if (!m) return undefined;
  const keys = Object.keys(m);
  if (keys.length === 0) return undefined;
  const out: YamlMap = {};
  for (const k of keys) setEntry(out, k, String(m[k] ?? ""));
  return out;
}

/**
 * The entry as kustomize's built-in generator plugin receives it: marshaled to YAML through JSON
 * and read back, which folds a NEL (U+0085) in a literal, name or option into a space and
 * refuses other C1 control characters.
 */
function asPluginConfig(
  kind: GeneratedKind["kind"],
  args: GeneratorArgs,
  global: GeneratorOptions | undefined,
  file: string,
): { args: GeneratorArgs; global: GeneratorOptions | undefined } {
  try {
    return {
      args: throughPluginConfig(args as YamlMap) as GeneratorArgs,
      global: global && (throughPluginConfig(global as YamlMap) as GeneratorOptions),
    };
  } catch (e) {
    if (e instanceof YamlError) throw new KustomizeError("GENERATOR", `builtin ${kind}Generator marshal: ${e.message}`, file);
    throw e;
  }
}
