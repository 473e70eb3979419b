// Documents the fast reader does not handle (explicit `? ` keys, collection keys, %TAG) are
// composed by the `yaml` library; scalars are then typed the same way the fast reader types them.

import { createRequire } from "node:module";
import type { Alias, Document, Node, Scalar } from "yaml";
import { markBareNull } from "./bare-null.js";
import { YamlError } from "./errors.js";
import type { ErrorSite, Typing } from "./parse.js";
import { refoldLikeKyaml } from "./parse.js";
import { setEntry, type YamlMap, type YamlValue } from "./values.js";

const SHORT = "tag:yaml.org,2002:";

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * The `yaml` library is loaded on first use: few inputs need it, and compiling it costs every
 * process tens of milliseconds at start-up.
 */
let lib: typeof import("yaml") | undefined;
function yamlLib(): typeof import("yaml") {
  lib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return lib;
}

export function fallbackDocuments(text: string, typing: Typing, file?: string): YamlValue[] {
  const docs = yamlLib().parseAllDocuments(text, { schema: "failsafe", merge: false, uniqueKeys: false, version: "1.1" });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlValue[] = [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      const line = lineOf(text, e.pos[0]);
      throw new YamlError(`yaml: line ${line}: ${e.message.split("\n")[0]}`, file, line);
    }
    const site: ErrorSite = {
      fail(message: string): never {
        throw new YamlError(`yaml: ${message}`, file);
      },
    };
    out.push(convert(doc.contents as Node | null, doc, typing, site, true, 0));
  }
  return out;
}

function tagOf(n: Node): string | undefined {
  const t = n.tag;
  if (!t) return undefined;
  return t.startsWith(SHORT) ? "!!" + t.slice(SHORT.length) : t;
}

function scalarValue(n: Scalar, typing: Typing, site: ErrorSite): YamlValue {
  const text = String(n.value ?? "");
  const plain = n.type === "PLAIN";
  const tag = tagOf(n);
  const str = n.type === "BLOCK_FOLDED" ? refoldLikeKyaml(text) : text;
  if (tag !== undefined && tag !== "!!str" && tag !== "!") return typing.tagged(tag, str, plain, site);
  if (tag !== undefined) return str;
  return plain ? typing.plain(str) : str;
}

function convert(n: Node | null, doc: Document, typing: Typing, site: ErrorSite, root: boolean, depth: number): YamlValue {
  if (depth > 10_000) throw new YamlError("yaml: exceeded max depth");
  if (n === null || n === undefined) return null;
  if (yamlLib().isAlias(n)) return convert((n as Alias).resolve(doc) as Node, doc, typing, site, false, depth + 1);
  if (yamlLib().isScalar(n)) return scalarValue(n, typing, site);
  if (yamlLib().isSeq(n)) return n.items.map((x) => convert(x as Node, doc, typing, site, false, depth + 1));
  if (yamlLib().isMap(n)) {
    const m: YamlMap = {};
    const explicit = new Set<string>();
    const merges: YamlValue[] = [];
    // kyaml (resources) drops the first key whose text is `<<` and refuses a second merge key.
    let dropped = false;
    for (const pair of n.items) {
      const k = pair.key as Node | null;
      const written = pair.value as Node | null;
      // No value written at all: a bare null (see bare-null.ts), "" in a resource's flow map.
      const bare = written === null || (yamlLib().isScalar(written) && written.source === "" && !written.tag && written.type === "PLAIN");
      const v = bare ? (n.flow ? typing.emptyFlowValue : null) : convert(written, doc, typing, site, false, depth + 1);
      let key: string;
      if (k === null) key = typing.plainKey("", root, site);
      else if (yamlLib().isScalar(k)) {
        const text = String(k.value ?? "");
        const tag = tagOf(k);
        const merge = (k.type === "PLAIN" && text === "<<" && (tag === undefined || tag === "!")) ||
          (tag === "!!merge" && (text === "<<" || typing.kyamlMerges));
        if (typing.kyamlMerges && (merge || text === "<<")) {
          if (merge && merges.length > 0) throw new YamlError("yaml: duplicate merge key");
          const drop = text === "<<" && !dropped;
          if (text === "<<") dropped = true;
          if (merge) merges.push(v);
          if (drop || (merge && text === "<<")) continue;
        } else if (merge) {
          merges.push(v);
          continue;
        }
        const kv = scalarValue(k, typing, site);
        key = typeof kv === "string" && (k.type !== "PLAIN" || k.tag) ? kv : typing.plainKey(text, root, site);
      } else if (yamlLib().isAlias(k)) {
        const kv = convert(k, doc, typing, site, false, depth + 1);
        if (kv !== null && typeof kv === "object") throw new YamlError("json: unsupported type: map[interface {}]interface {}");
        key = String(kv);
      } else {
        throw new YamlError("json: unsupported type: map[interface {}]interface {}");
      }
      if (explicit.has(key) && typing.rejectDuplicates) {
        throw new YamlError(`yaml: unmarshal errors:\n  mapping key ${JSON.stringify(key)} already defined`);
      }
      explicit.add(key);
      setEntry(m, key, v);
      if (bare) markBareNull(m, key, v as null | "");
    }
    if (merges.length) {
      const sources: YamlMap[] = [];
      for (const v of merges) {
        for (const x of Array.isArray(v) ? v : [v]) {
          if (x === null || typeof x !== "object" || Array.isArray(x)) {
            throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
          }
          sources.push(x);
        }
      }
      const merged: YamlMap = {};
      for (let i = sources.length - 1; i >= 0; i--) for (const key of Object.keys(sources[i]!)) setEntry(merged, key, sources[i]![key]!);
      for (const key of Object.keys(merged)) if (!explicit.has(key)) setEntry(m, key, merged[key]!);
    }
    return m;
  }
  return null;
}
