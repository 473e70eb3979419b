// Parsed documents in a form another thread can take over cheaply: JSON text (which V8 reads far
// faster than YAML) plus what JSON cannot hold, the bare-null marks. Documents JSON would not
// carry exactly (big integers, -0, NaN, ±Infinity) are not encoded: the receiver parses the text.

import { isBareNull, markBareNull } from "./bare-null.js";
import type { YamlMap, YamlValue } from "./values.js";

export interface EncodedDocuments {
  json: string;
  /** Paths (keys and indexes from the document list) of keys read with no value. */
  bareNulls: (string | number)[][];
  nullListItems: number;
  firstDocumentIsMap: boolean;
}

/**
 * Encodes documents read by `parseAllDocuments` with `stats`; undefined when JSON would change
 * them (the caller then sends the text instead).
 */
export function encodeDocuments(
  docs: YamlValue[],
  stats: { nullListItems: number; bareNulls?: number; firstDocumentIsMap?: boolean },
): EncodedDocuments | undefined {
  if (stats.nullListItems < 0 || stats.bareNulls === undefined || stats.bareNulls < 0) return undefined;
  let exact = true;
  let json: string;
  try {
    json = JSON.stringify(docs, (_k, v: unknown) => {
      if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
      return v;
    });
  } catch {
    return undefined; // a bigint
  }
  if (!exact) return undefined;
  const bareNulls: (string | number)[][] = [];
  if (stats.bareNulls > 0) collectBareNulls(docs, [], bareNulls);
  return { json, bareNulls, nullListItems: stats.nullListItems, firstDocumentIsMap: stats.firstDocumentIsMap === true };
}

/** The documents `encodeDocuments` encoded, bare-null marks restored. */
export function decodeDocuments(e: EncodedDocuments): YamlValue[] {
  const docs = JSON.parse(e.json) as YamlValue[];
  for (const path of e.bareNulls) {
    let node: YamlValue = docs;
    for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, YamlValue>)[path[i]!]!;
    markBareNull(node as YamlMap, path[path.length - 1] as string);
  }
  return docs;
}

function collectBareNulls(v: YamlValue, path: (string | number)[], out: (string | number)[][]): void {
  if (v === null || typeof v !== "object") return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      collectBareNulls(v[i]!, path, out);
      path.pop();
    }
    return;
  }
  for (const k of Object.keys(v)) {
    path.push(k);
    if (v[k] === null && isBareNull(v, k)) out.push(path.slice());
    else collectBareNulls(v[k]!, path, out);
    path.pop();
  }
}
