import { isMap } from "@kfrender/yaml";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import type { BuildMetadataState } from "./options.js";
import {
  ORIGIN_ANNOTATION,
  type ResourceOrigin,
  TRANSFORMATIONS_ANNOTATION,
  annotationsOf,
  builtinOrigin,
  hasOrigin,
  notAn,
  parseAnnotation,
  setOrigin,
  toOrigin,
} from "./origin.js";
import { originText, transformationsText } from "./origin-text.js";

/**
 * The transformations text this build last wrote on each resource. While the annotation still
 * holds it, the next transformer is appended as text; anything else (a list from the input, or
 * one a patch changed) is read and rewritten as kustomize would.
 */
const written = new WeakMap<Resource, string>();

/**
 * kustomize's AddTransformerAnnotation, run after every transformer: each resource in the map at
 * that moment gets the transformer appended to its transformations, whether or not it was
 * changed (a Namespace lists the PrefixTransformer that skipped it). A resource without an origin
 * (a patch removed it) takes the transformer as its origin instead.
 */
export function recordTransformation(resMap: ResMap, origin: ResourceOrigin, times = 1): void {
  const item = transformationsText([origin]);
  let asOrigin: string | undefined;
  for (const r of resMap.resources()) {
    for (let i = 0; i < times; i++) {
      const a = annotationsOf(r);
      if (!(ORIGIN_ANNOTATION in a)) {
        a[ORIGIN_ANNOTATION] = asOrigin ??= originText(origin);
        continue;
      }
      const before = a[TRANSFORMATIONS_ANNOTATION];
      const text =
        before === undefined ? item : before === written.get(r) ? (before as string) + item : transformationsText([...earlier(r), origin]);
      a[TRANSFORMATIONS_ANNOTATION] = text;
      written.set(r, text);
    }
  }
}

/**
 * One record per transformer instance kustomize configures for a kustomization field: `times` is
 * how many (one per image, per replica, …). Transformers never add resources, and one that drops
 * some drops their records with them, so for transformers that leave annotations alone,
 * recording a field's instances together after the field has run gives the same lists as
 * recording after each.
 */
export function recordBuiltin(meta: BuildMetadataState, resMap: ResMap, kind: string, times = 1): void {
  if (times > 0) recordTransformation(resMap, builtinOrigin(meta, kind), times);
}

/** kustomize's AddOriginAnnotation: generated resources get the generator's origin unless they carry one. */
export function adoptOrigin(resources: Iterable<Resource>, origin: ResourceOrigin): void {
  let text: string | undefined;
  for (const r of resources) if (!hasOrigin(r)) setOrigin(r, (text ??= originText(origin)));
}

/** A transformations list not written by this build (kustomize's GetTransformations). */
function earlier(r: Resource): ResourceOrigin[] {
  const v = parseAnnotation(r, TRANSFORMATIONS_ANNOTATION, r.annotations()[TRANSFORMATIONS_ANNOTATION]);
  if (v === null) return [];
  if (!Array.isArray(v)) throw notAn(r, TRANSFORMATIONS_ANNOTATION, "a list of origins");
  return v.map((o) => (isMap(o) ? toOrigin(o) : {}));
}
