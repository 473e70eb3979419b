// The image fields of spec §7.3: those kustomize v5.5.0's images transformer rewrites in a
// kustomization without `configurations`.
//  (a) `image` of every mapping element of any `containers`/`initContainers` sequence, any depth;
//  (b) spec/containers[]/image, spec/initContainers[]/image, spec/template/spec/containers[]/image,
//      spec/template/spec/initContainers[]/image (these add containers written as a mapping).

import { type YamlMap, type YamlValue, isMap } from "@kfrender/yaml";

/** Where an image reference lives: `holder.image`. */
export interface ImageField {
  holder: YamlMap;
  /** The reference text (`image: 7` is "7"). */
  ref: string;
}

const CONTAINER_KEYS = new Set(["containers", "initContainers"]);
const FIXED_PATHS = [
  ["spec", "containers", "image"],
  ["spec", "initContainers", "image"],
  ["spec", "template", "spec", "containers", "image"],
  ["spec", "template", "spec", "initContainers", "image"],
];

function refOf(v: YamlValue | undefined): string | undefined {
  if (v === undefined || v === null || typeof v === "object") return undefined;
  return typeof v === "string" ? v : String(v);
}

function walkAnyDepth(v: YamlValue, add: (holder: YamlMap) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) walkAnyDepth(x, add);
    return;
  }
  if (!isMap(v)) return;
  for (const [k, child] of Object.entries(v)) {
    if (CONTAINER_KEYS.has(k) && Array.isArray(child)) for (const c of child) if (isMap(c)) add(c);
    walkAnyDepth(child, add);
  }
}

function walkPath(v: YamlValue | undefined, path: string[], i: number, add: (holder: YamlMap) => void): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) walkPath(x, path, i, add);
    return;
  }
  if (!isMap(v)) return;
  if (i === path.length - 1) {
    add(v);
    return;
  }
  walkPath(v[path[i]!], path, i + 1, add);
}

/** The image fields of one document, each holder once, in document order ((a) first). */
export function imageFields(doc: YamlValue): ImageField[] {
  if (!isMap(doc) || doc.kind === "CustomResourceDefinition") return [];
  const seen = new Set<YamlMap>();
  const out: ImageField[] = [];
  const add = (holder: YamlMap) => {
    if (seen.has(holder)) return;
    const ref = refOf(holder.image);
    if (ref === undefined) return;
    seen.add(holder);
    out.push({ holder, ref });
  };
  walkAnyDepth(doc, add);
  for (const p of FIXED_PATHS) walkPath(doc, p, 0, add);
  return out;
}

/**
 * kustomize's image.Split name: `@` and `:` are looked for after the first `/` (when it is not at
 * index 0); the name ends at the first `@` if it comes before any `:`, else at the `:`.
 */
export function imageName(ref: string): string {
  const slash = ref.indexOf("/");
  const from = slash > 0 ? slash : 0;
  const search = ref.slice(from);
  const at = search.indexOf("@");
  const colon = search.indexOf(":");
  if (at < 0 && colon < 0) return ref;
  if (at >= 0 && (colon < 0 || at < colon)) return ref.slice(0, from + at);
  return ref.slice(0, from + colon);
}
