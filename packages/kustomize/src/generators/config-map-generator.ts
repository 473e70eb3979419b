import { posix } from "node:path";
import type { YamlMap } from "@kfrender/yaml";
import type { Loader } from "../loader/loader.js";
import type { Resource } from "../resource/resource.js";
import type { GeneratorArgs, GeneratorOptions } from "../types/kustomization.js";
import { wrappedBase64 } from "./base64.js";
import { type GeneratedKind, makeGenerated } from "./make-generated.js";
import { putKey } from "./put-key.js";
import { decodeUtf8 } from "./utf8.js";

/** Text goes to `data`; file content that is not UTF-8 goes, base64-encoded, to `binaryData`. */
const configMap: GeneratedKind = {
  kind: "ConfigMap",
  fill(obj, pairs) {
    let data: YamlMap | undefined;
    let binaryData: YamlMap | undefined;
    for (const { key, value } of pairs) {
      const text = typeof value === "string" ? value : decodeUtf8(value);
      if (text !== undefined) putKey((data ??= {}), key, text);
      else putKey((binaryData ??= {}), key, wrappedBase64(value as Uint8Array));
    }
    if (data) obj.data = data;
    if (binaryData) obj.binaryData = binaryData;
  },
};

/**
 * `configMapGenerator`: one ConfigMap per entry, with the kustomization-wide `generatorOptions`
 * merged into each entry's `options`. `file` is the kustomization file, named in errors.
 */
export function generateConfigMaps(
  args: GeneratorArgs[],
  options: GeneratorOptions | undefined,
  loader: Loader,
  file: string = posix.join(loader.root, "kustomization.yaml"),
): Resource[] {
  return args.map((a) => makeGenerated(configMap, a, options, loader, file));
}
