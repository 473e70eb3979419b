import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { resIdString } from "../resource/res-id.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import type { ResMap } from "../resource/res-map.js";
import type { Image } from "../types/kustomization.js";
import { WrongKindError, applyFieldSpecs, scalarText } from "./apply-field-specs.js";
import { FieldPathError, type FieldVisitor, nodeKindName } from "./field-path.js";
import { isImageMatched, splitImage } from "./image-name.js";
import { GoRegexpSyntaxError } from "../go-regexp.js";
import { noteFieldWrite } from "../resource/field-writes.js";

/** The image an `images:` entry makes of `value`, or undefined when the entry does not match it. */
export function updateImage(value: string, img: Image): string | undefined {
  if (!isImageMatched(value, img.name)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (img.newName) name = img.newName;
  // A new tag or digest replaces both the old tag and digest.
  if (img.newTag && img.digest) {
    tag = img.newTag;
    digest = img.digest;
  } else if (img.newTag) {
    tag = img.newTag;
    digest = "";
  } else if (img.digest) {
    tag = "";
    digest = img.digest;
  } else if (img.tagSuffix) {
    tag += img.tagSuffix;
    digest = "";
  }
  if (tag) name += ":" + tag;
  if (digest) name += "@" + digest;
  return name;
}

function imageSetter(img: Image): FieldVisitor {
  return (parent, key) => {
    const p = parent as Record<string | number, YamlValue>;
    const current = p[key];
    if (current !== null && current !== undefined && typeof current === "object") {
      throw new WrongKindError("ScalarNode", nodeKindName(current));
    }
    let next: string | undefined;
    try {
      next = updateImage(scalarText(current), img);
    } catch (e) {
      if (!(e instanceof GoRegexpSyntaxError)) throw e;
      throw new KustomizeError("TRANSFORMER", `images: name ${JSON.stringify(img.name)}: ${e.message}`);
    }
    if (next !== undefined) {
      p[key] = next;
      noteFieldWrite();
    }
  };
}

/**
 * kustomize's legacy image scan: in every `containers`/`initContainers` list anywhere in the
 * object (depth first, children before the list itself), each item's `image` is updated.
 */
function updateContainerLists(node: YamlValue, set: FieldVisitor): void {
  // Indexed loops: this walks every object, mostly before the JIT has optimised it.
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) updateContainerLists(node[i]!, set);
    return;
  }
  if (!isMap(node)) return;
  const keys = Object.keys(node);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = node[key]!;
    updateContainerLists(value, set);
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const item of value) {
        if (isMap(item) && Object.prototype.hasOwnProperty.call(item, "image")) set(item as YamlMap, "image");
      }
    }
  }
}

/**
 * `images:` — each entry in order (a later entry sees the earlier one's result): first the
 * container-list scan, then the `images` field specs, both over every object but CRDs.
 */
export function applyImages(resMap: ResMap, images: readonly Image[], config: TransformerConfig): void {
  const targets = resMap.resources().filter((r) => r.kind !== "CustomResourceDefinition");
  for (const img of images) {
    const set = imageSetter(img);
    for (const r of targets) {
      try {
        updateContainerLists(r.obj, set);
      } catch (e) {
        if (!(e instanceof FieldPathError)) throw e;
        throw new KustomizeError("TRANSFORMER", `updating images of ${resIdString(r.id())}: ${e.message}`);
      }
    }
    for (const r of targets) applyFieldSpecs(r, config.images, "none", set);
  }
}
