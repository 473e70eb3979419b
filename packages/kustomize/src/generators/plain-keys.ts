import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { nonStringKeyMessage, readsBackAsKey } from "../resource/plain-keys.js";

/**
 * kyaml writes the keys of a generated (or generator-merged) ConfigMap's or Secret's data,
 * binaryData, labels and annotations plain. One that then reads back as no string ("1", "true",
 * "~", or the merge key "<<") breaks the object, and kubectl fails. Keys from the kustomization
 * itself (`y`, `on` in options) were already read as YAML 1.1 booleans, so arrive as "true".
 */
export function assertPlainStringKeys(obj: YamlMap, file?: string): void {
  const meta = isMap(obj.metadata) ? obj.metadata : undefined;
  const maps: (YamlValue | undefined)[] = [obj.data, obj.binaryData, meta?.labels, meta?.annotations];
  for (const m of maps) {
    if (!isMap(m)) continue;
    for (const k of Object.keys(m)) {
      if (!readsBackAsKey(k)) {
        const what = `${String(obj.kind)} ${String(meta?.name ?? "")}`;
        throw new KustomizeError("GENERATOR", nonStringKeyMessage(`key ${JSON.stringify(k)} of ${what}`), file);
      }
    }
  }
}
