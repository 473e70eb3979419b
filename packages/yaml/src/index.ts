// @kfrender/yaml: reading manifests as kustomize reads them, printing them as kubectl kustomize
// (Kustomize v5.5.0) prints them.

import { YamlError } from "./errors.js";
import { fallbackDocuments } from "./fallback.js";
import { Reader, type Typing, Unsupported } from "./parse.js";
import { KUSTOMIZATION_TYPING, RESOURCE_TYPING } from "./typing.js";
import type { YamlValue } from "./values.js";

export * from "./values.js";
export { YamlError } from "./errors.js";
export { isBareNull, cloneYaml } from "./bare-null.js";
export {
  clearScalarTags,
  copyScalarTag,
  copyScalarTags,
  hasFloatTag,
  markScalar,
  setFloatTag,
  timestampText,
  writtenText,
} from "./scalar-tags.js";
export { goTimestamp } from "./timestamp.js";
export { stringifyAll, stringifyAllBytes, stringifyAllChunks, stringifyResource, throughPluginConfig } from "./emit.js";
export { compareKeys, sortedKeys } from "./key-order.js";
export { v3PlainIsString } from "./resolve.js";
export { isBreak, isPrintable } from "./scalar-style.js";

/** What a read noticed on the way, for callers that would otherwise walk the values again. */
export interface ReadStats {
  /** Whether the stream's first document (empty ones included) is a map; unset when not known. */
  firstDocumentIsMap?: boolean;
}

function read(text: string, typing: Typing, file: string | undefined, stats?: ReadStats, firstOnly = false): YamlValue[] {
  try {
    const reader = new Reader(text, typing, file);
    const docs = reader.documents(firstOnly);
    if (stats) {
      const first = docs[0];
      stats.firstDocumentIsMap = first !== null && typeof first === "object" && !Array.isArray(first);
    }
    return docs;
  } catch (e) {
    if (e instanceof Unsupported) {
      const docs = fallbackDocuments(text, typing, file);
      return firstOnly ? docs.slice(0, 1) : docs;
    }
    // Absurd nesting overflows the stack before anything else; go-yaml stops at depth 10000.
    if (e instanceof RangeError) throw new YamlError("yaml: exceeded max depth of 10000", file);
    if (e instanceof YamlError && file !== undefined && e.file === undefined) {
      throw new YamlError(e.message, file, e.line);
    }
    throw e;
  }
}

/**
 * Every non-empty document of a multi-document stream, as kustomize's resource reader (kyaml:
 * go-yaml v3, then JSON) sees them: the stream cut at `---` lines as kyaml cuts it (see
 * kyamlChunks), comments dropped, anchors, aliases and `<<` merges expanded,
 * duplicate keys rejected, plain scalars typed as go-yaml v3 does (`0755` → 493, `yes` stays a
 * string, an unquoted date becomes "2024-01-01T00:00:00Z").
 */
export function parseAllDocuments(text: string, opts: { file?: string; stats?: ReadStats } = {}): YamlValue[] {
  const chunks = kyamlChunks(text, opts.file);
  const docs = chunks === undefined ? read(text, RESOURCE_TYPING, opts.file, opts.stats) : readChunks(chunks, opts);
  const out: YamlValue[] = [];
  for (const d of docs) if (d !== null && d !== undefined) out.push(d);
  return out;
}

/**
 * kyaml's ByteReader does not hand the whole stream to go-yaml: it cuts it at every line that
 * starts with `---` (after a line break and ended by one; "\r\n" read as "\n"), refusing such a
 * line with anything but blanks or a comment after the `---`, and decodes only the FIRST document
 * of each piece. Reading the stream whole gives the same documents unless a `...` end marker, a
 * directive or a byte order mark starts a line (the Reader itself refuses content after a `---`
 * line, see Typing.kyamlStream): only then are the pieces made. Otherwise undefined, after a
 * few single-character scans.
 */
function kyamlChunks(text: string, file: string | undefined): string[] | undefined {
  if (!text.includes("...") && !text.includes("%") && !text.includes("\ufeff", 1)) return undefined;
  // (A byte order mark opening a piece is dropped like one opening the stream.) Plain searches:
  // "..." is common in descriptions, and a regular expression over megabytes is not cheap.
  const startsPiece =
    text.startsWith("...") || text.startsWith("%") || text.includes("\n...") || text.includes("\n%") || text.includes("\n\ufeff");
  if (!startsPiece) return undefined;
  const s = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  const chunks: string[] = [];
  let prev = 0;
  for (let i = s.indexOf("\n---"); i !== -1; ) {
    const e = s.indexOf("\n", i + 4);
    if (e === -1) break;
    const t = s.slice(i + 4, e).trim();
    if (t !== "" && t[0] !== "#") throw new YamlError(`invalid document separator: ${s.slice(i + 1, e).trim()}`, file);
    chunks.push(s.slice(prev, i) + "\n");
    prev = e + 1;
    i = s.indexOf("\n---", e + 1);
  }
  chunks.push(s.slice(prev));
  return chunks;
}

/** The first document of each kyaml piece (the statistics are the first piece's). */
function readChunks(chunks: string[], opts: { file?: string; stats?: ReadStats }): YamlValue[] {
  const docs: YamlValue[] = [];
  for (let i = 0; i < chunks.length; i++) {
    docs.push(...read(chunks[i]!, RESOURCE_TYPING, opts.file, i === 0 ? opts.stats : undefined, true));
  }
  return docs;
}

/**
 * A kustomization file as kustomize reads it (sigs.k8s.io/yaml: go-yaml v2 → JSON): YAML 1.1
 * typing (`on`/`yes` → true), keys converted to strings, the last duplicate key wins. The first
 * document's value (null when empty).
 */
export function parseYaml11(text: string, opts: { file?: string } = {}): YamlValue {
  const docs = read(text, KUSTOMIZATION_TYPING, opts.file);
  return docs.length ? docs[0]! : null;
}
