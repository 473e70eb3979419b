import { isMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../../errors.js";
import type { ResMap } from "../../resource/res-map.js";
import { scalarText } from "../replacements/scalars.js";

/** Go's `%v` of a map[string]string: keys sorted, `map[k:v k2:v2]`. */
function goMap(v: YamlValue | undefined): string {
  if (!isMap(v)) return "map[]";
  return `map[${Object.keys(v)
    .sort()
    .map((k) => `${k}:${scalarText(v[k])}`)
    .join(" ")}]`;
}

/**
 * kustomize refuses, once the build is done, any resource left without a name — which vars or
 * replacements can cause (`name: $(VAR)` with an empty value). Message as kyaml's
 * GetValidatedMetadata prints the resource's metadata.
 */
export function requireResourceNames(resMap: ResMap): void {
  for (const r of resMap.resources()) {
    if (r.name || r.kind.endsWith("List")) continue;
    const m = r.metadata;
    throw new KustomizeError(
      "INVALID_RESOURCE",
      `missing metadata.name in object {{${r.apiVersion} ${r.kind}} {{${r.name} ${r.namespace}} ${goMap(m?.labels)} ${goMap(m?.annotations)}}}`,
    );
  }
}
