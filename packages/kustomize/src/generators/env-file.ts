import { decodeLossy, decodeUtf8 } from "./utf8.js";

export interface KvPair {
  key: string;
  /** Text, or raw bytes for a file source (kept exact for binary content). */
  value: string | Uint8Array;
}

/** bufio.Scanner's default token limit: a longer line ends the scan without an error. */
const MAX_LINE = 64 * 1024;
/** What Go's unicode.IsSpace accepts (not U+FEFF, unlike JavaScript's `\s`). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * Parses an env file as kustomize does: one `KEY=value` per line, split at the first `=`;
 * leading whitespace trimmed, trailing kept; quotes kept; `#` lines, blank lines and lines with
 * an empty key ignored; a UTF-8 BOM dropped from the first line only. `KEY` alone takes its value
 * from `env` (kustomize v3, which kfctl used, read the process environment); kustomize v5 gives
 * it an empty value, which is what an absent `env` yields. Throws a plain Error with kustomize's
 * text for a line that is not UTF-8.
 */
export function parseEnvFile(bytes: Uint8Array, env: Readonly<Record<string, string | undefined>> = {}): KvPair[] {
  const pairs: KvPair[] = [];
  let lineNo = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    const next = end < 0 ? bytes.length : end + 1;
    if (end < 0) end = bytes.length;
    if (end - start >= MAX_LINE) break;
    let raw = bytes.subarray(start, end);
    if (raw.length > 0 && raw[raw.length - 1] === 0x0d) raw = raw.subarray(0, raw.length - 1);
    start = next;

    let line = decodeUtf8(raw);
    if (line === undefined) {
      throw new Error(`line [${Array.from(raw).join(" ")}] has invalid utf8 bytes : ${decodeLossy(raw)}`);
    }
    if (lineNo++ === 0 && line.startsWith("\ufeff")) line = line.slice(1);
    line = line.replace(LEADING_SPACE, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === "") continue;
    pairs.push({ key, value: eq < 0 ? (env[key] ?? "") : line.slice(eq + 1) });
  }
  return pairs;
}
