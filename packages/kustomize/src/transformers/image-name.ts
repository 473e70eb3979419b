import { goRegExp } from "../go-regexp.js";

/**
 * kustomize's image-reference helpers. The `images:` name is a Go regular expression, pasted
 * unescaped and ungrouped between `^` and an optional tag and sha256 digest: so `*` (a repeated
 * `^`) matches every image, and `a|b` is `^a` or `b` at the end. A name Go cannot compile makes
 * kustomize crash on the first image it compares; here it throws GoRegexpSyntaxError.
 */
export function isImageMatched(image: string, name: string): boolean {
  return goRegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/**
 * Splits `[host[:port]/]path[:tag][@digest]` into name, tag and digest (without separators).
 * A `:` before the first `/` is a registry port, not a tag.
 */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf("/");
  let search = image;
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf("@");
  let ic = search.indexOf(":");
  if (ic < 0 && id < 0) return { name: image, tag: "", digest: "" };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: "", digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: "" };
}
