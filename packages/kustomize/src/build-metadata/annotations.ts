import { isMap } from "@kfrender/yaml";
import type { Resource } from "../resource/resource.js";
import type { BuildMetadataState } from "./options.js";
import { ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION } from "./origin.js";

/**
 * The last step of a build for each resource: kustomize removes the origin and transformations
 * annotations unless `buildMetadata` asks for them — even ones written in the input, so a plain
 * build drops them too. What was asked for is already in place.
 */
export function finishBuildMetadataAnnotations(r: Resource, meta: BuildMetadataState | undefined): void {
  const a = r.metadata?.annotations;
  if (!isMap(a)) return;
  if (!meta?.origin && ORIGIN_ANNOTATION in a) delete a[ORIGIN_ANNOTATION];
  if (!meta?.transformations && TRANSFORMATIONS_ANNOTATION in a) delete a[TRANSFORMATIONS_ANNOTATION];
}
