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
export { stringifyAll, stringifyAllBytes, stringifyAllChunks, stringifyResource } from "./emit.js";
export { compareKeys, sortedKeys } from "./key-order.js";

/** What a read noticed on the way, for callers that would otherwise walk the values again. */
export interface ReadStats {
  /** List items that are null; -1 when not counted (documents read by the fallback library). */
  nullListItems: number;
  /** Whether the stream's first document (empty ones included) is a map. */
  firstDocumentIsMap?: boolean;
}

function read(text: string, typing: Typing, file: string | undefined, stats?: ReadStats): YamlValue[] {
  try {
    const reader = new Reader(text, typing, file);
    const docs = reader.documents();
    if (stats) {
      stats.nullListItems = reader.nullListItems;
      const first = docs[0];
      stats.firstDocumentIsMap = first !== null && typeof first === "object" && !Array.isArray(first);
    }
    return docs;
  } catch (e) {
    if (e instanceof Unsupported) {
      if (stats) stats.nullListItems = -1;
      return fallbackDocuments(text, typing, file);
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
 * go-yaml v3, then JSON) sees them: comments dropped, anchors, aliases and `<<` merges expanded,
 * duplicate keys rejected, plain scalars typed as go-yaml v3 does (`0755` → 493, `yes` stays a
 * string, an unquoted date becomes "2024-01-01T00:00:00Z").
 */
export function parseAllDocuments(text: string, opts: { file?: string; stats?: ReadStats } = {}): YamlValue[] {
  const docs = read(text, RESOURCE_TYPING, opts.file, opts.stats);
  const out: YamlValue[] = [];
  for (const d of docs) if (d !== null && d !== undefined) out.push(d);
  return out;
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
