import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/**
 * kustomize's default `images` table, for any kind. (The image transformer also scans every
 * `containers`/`initContainers` list anywhere in a non-CRD object, so Pod-like images are
 * visited twice — which shows with `tagSuffix`.) `create` is inert: images are never created.
 */
export const IMAGES_FIELD_SPECS: readonly FieldSpec[] = [
  at("spec/containers[]/image", { create: true }),
  at("spec/initContainers[]/image", { create: true }),
  at("spec/template/spec/containers[]/image", { create: true }),
  at("spec/template/spec/initContainers[]/image", { create: true }),
];
