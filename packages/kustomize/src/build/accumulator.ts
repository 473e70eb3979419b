import type { BuildMetadataState } from "../build-metadata/options.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { OpenApiSelection } from "../openapi/index.js";
import type { ResMap } from "../resource/res-map.js";
import type { VarSpec } from "../transformers/vars.js";

/**
 * What one kustomization (with everything below it) has produced so far: its resources, the
 * field-spec tables in force (its own `configurations:`/`crds:` merged over its bases'), and the
 * vars declared.
 */
export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: VarSpec[];
}

/** State shared by the whole build. */
export interface BuildContext {
  warnings: string[];
  /** The schema strategic merges use, chosen by `openapi:` fields as kyaml chooses it. */
  openapi: OpenApiSelection;
  /** The root's `buildMetadata:` and where the accumulation is; absent for a plain build. */
  meta?: BuildMetadataState;
}
