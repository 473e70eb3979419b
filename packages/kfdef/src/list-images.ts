import { parseAllDocuments } from "@kfrender/yaml";
import { byteCompare } from "./go-decode.js";
import { imageFields } from "./image-fields.js";

/** Every distinct image reference of the image fields (§7.3) of `docs`, sorted by byte order. */
export function listImages(docs: readonly { text: string }[]): string[] {
  const refs = new Set<string>();
  for (const d of docs) for (const v of parseAllDocuments(d.text)) for (const f of imageFields(v)) refs.add(f.ref);
  return [...refs].sort(byteCompare);
}
