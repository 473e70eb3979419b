import type { BuildMetadataOption, Kustomization } from "../types/kustomization.js";

/**
 * The `buildMetadata:` of the kustomization being built, plus where the accumulation currently is
 * (kustomize's KustTarget.origin). Only the root's list counts: kustomize overwrites every base's
 * and component's `buildMetadata` with its parent's. Absent when the list is empty, so that a
 * plain build does no bookkeeping at all.
 */
export interface BuildMetadataState {
  /** `originAnnotations`: print `config.kubernetes.io/origin`. */
  origin: boolean;
  /** `transformerAnnotations`: print `alpha.config.kubernetes.io/transformations`. */
  transformations: boolean;
  /** `managedByLabel`: label every resource `app.kubernetes.io/managed-by`. */
  managedBy: boolean;
  /** The directory of the kustomization being accumulated, as written from the root ("" at the root). */
  dir: string;
  /** Its kustomization file, written the same way: the `configuredIn` of its built-in plugins. */
  file: string;
}

/**
 * kustomize tracks origins as soon as the list is non-empty, whatever it holds (unknown words are
 * accepted silently), and decides what to print from the list only at the end.
 */
export function buildMetadataState(kust: Kustomization): BuildMetadataState | undefined {
  const list = kust.buildMetadata;
  if (!list?.length) return undefined;
  const has = (option: BuildMetadataOption) => list.includes(option);
  return {
    origin: has("originAnnotations"),
    transformations: has("transformerAnnotations"),
    managedBy: has("managedByLabel"),
    dir: "",
    file: "",
  };
}
