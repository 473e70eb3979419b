// `--image-prefix SRC=DEST`: in the image fields of §7.3, a reference that starts with SRC gets DEST
// in place of that prefix; the first matching rule wins; each field is rewritten at most once.

import { editDocument } from "./document-edit.js";
import { imageFields } from "./image-fields.js";

export interface ImagePrefix {
  from: string;
  to: string;
}

/** Parses `SRC=DEST` (the first `=` separates; SRC must not be empty). */
export function parseImagePrefix(spec: string): ImagePrefix | undefined {
  const eq = spec.indexOf("=");
  if (eq <= 0) return undefined;
  return { from: spec.slice(0, eq), to: spec.slice(eq + 1) };
}

export function rewriteImageReference(ref: string, rules: readonly ImagePrefix[]): string {
  for (const r of rules) if (ref.startsWith(r.from)) return r.to + ref.slice(r.from.length);
  return ref;
}

/** The document with its image references rewritten (its exact text when nothing matched). */
export function applyImagePrefixes(text: string, rules: readonly ImagePrefix[]): string {
  if (rules.length === 0) return text;
  return editDocument(text, (doc) => {
    let changed = false;
    for (const f of imageFields(doc)) {
      const next = rewriteImageReference(f.ref, rules);
      if (next !== f.ref) {
        f.holder.image = next;
        changed = true;
      }
    }
    return changed;
  });
}
