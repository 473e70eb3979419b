const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** The text of `bytes`, or undefined when they are not valid UTF-8 (a BOM is kept as text). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Text for messages: invalid sequences shown as U+FFFD. */
export function decodeLossy(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
