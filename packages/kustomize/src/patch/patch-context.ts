import type { YamlMap } from "@kfrender/yaml";
import type { Schema } from "../openapi/schema.js";

/** What applying strategic merge patches needs besides the patches themselves. */
export interface PatchOptions {
  /**
   * The schema in force, or a getter for it — pass `() => selection.current()` so the schema loads
   * only when a patch is actually merged, as in kyaml. Defaults to the built-in schema.
   */
  schema?: Schema | (() => Schema);
  /** See StrategicMergeOptions.isBareNull. */
  isBareNull?: (map: YamlMap, key: string) => boolean;
}
