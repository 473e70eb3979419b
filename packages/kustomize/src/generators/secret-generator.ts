import { posix } from "node:path";
import { setEntry, type YamlMap } from "@kfrender/yaml";
import type { Loader } from "../loader/loader.js";
import type { Resource } from "../resource/resource.js";
import type { SecretArgs, GeneratorOptions } from "../types/kustomization.js";
import { wrappedBase64 } from "./base64.js";
import { type GeneratedKind, makeGenerated } from "./make-generated.js";
import { encodeUtf8 } from "./utf8.js";

/** Every value base64-encoded into `data` (present even when empty); `type` defaults to Opaque. */
const secret: GeneratedKind = {
  kind: "Secret",
  fill(obj, pairs, args) {
    const data: YamlMap = {};
    for (const { key, value } of pairs) {
      setEntry(data, key, wrappedBase64(typeof value === "string" ? encodeUtf8(value) : value));
    }
    obj.type = (args as SecretArgs).type ? String((args as SecretArgs).type) : "Opaque";
    obj.data = data;
  },
};

/** `secretGenerator`: as `generateConfigMaps`, for Secrets. */
export function generateSecrets(
  args: SecretArgs[],
  options: GeneratorOptions | undefined,
  loader: Loader,
  file: string = posix.join(loader.root, "kustomization.yaml"),
): Resource[] {
  return args.map((a) => makeGenerated(secret, a, options, loader, file));
}
