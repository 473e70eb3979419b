import { posix } from "node:path";
import { isBreak, isPrintable, setEntry, type YamlMap } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import type { Resource } from "../resource/resource.js";
import type { GeneratorArgs, GeneratorOptions } from "../types/kustomization.js";
import { wrappedBase64 } from "./base64.js";
import { type GeneratedKind, makeGenerated } from "./make-generated.js";
import { decodeUtf8 } from "./utf8.js";

/** Text goes to `data`; file content that is not UTF-8 goes, base64-encoded, to `binaryData`. */
const configMap: GeneratedKind = {
  kind: "ConfigMap",
  fill(obj, pairs, _args, file) {
    let data: YamlMap | undefined;
    let binaryData: YamlMap | undefined;
    for (const { key, value } of pairs) {
      const text = typeof value === "string" ? value : decodeUtf8(value);
      if (text !== undefined && literalBlockUnreadable(text)) {
        const where = `ConfigMap ${String((obj.metadata as YamlMap).name)}, key ${JSON.stringify(key)}`;
        throw new KustomizeError("GENERATOR", `yaml: found a tab character where an indentation space is expected (${where})`, file);
      }
      if (text !== undefined) setEntry((data ??= {}), key, text);
      else setEntry((binaryData ??= {}), key, wrappedBase64(value as Uint8Array));
    }
    if (data) obj.data = data;
    if (binaryData) obj.binaryData = binaryData;
  },
};

/**
 * kyaml gives a generated value holding "\n" the literal block style, and the ConfigMap is then
 * printed by go-yaml v3 and read back. The emitter keeps the block style unless the value has a
 * character it must escape (tab aside), a space before a line break, or a trailing space; it adds
 * an indentation indicator only when the value starts with a space or a line break. A block
 * whose first line starts with a tab and has no indicator is unreadable for go-yaml, so kubectl
 * fails.
 */
function literalBlockUnreadable(s: string): boolean {
  if (s.charCodeAt(0) !== 0x09 || !s.includes("\n") || s.endsWith(" ")) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 && i + 1 < s.length && isBreak(s.charCodeAt(i + 1))) return false;
    if (c !== 0x09 && !isPrintable(c)) return false; // surrogates (astral characters) included
  }
  return true;
}

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
