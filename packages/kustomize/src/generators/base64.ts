/** kyaml wraps generated base64 at 70 columns; only when it wraps does each line end in "\n". */
const LINE = 70;

/**
 * Base64 as kustomize writes generated Secret data and ConfigMap binaryData: one line when the
 * encoding is shorter than 70 characters, otherwise 70-character lines each ending in a newline.
 */
export function wrappedBase64(bytes: Uint8Array): string {
  const enc = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  if (enc.length < LINE) return enc;
  let out = "";
  for (let i = 0; i < enc.length; i += LINE) out += enc.slice(i, i + LINE) + "\n";
  return out;
}
