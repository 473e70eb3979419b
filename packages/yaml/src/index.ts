// TEMPORARY placeholder API (the yaml package owner replaces the implementation; keep the names).
import { parseAllDocuments as parseDocs, stringify } from "yaml";
import type { YamlValue } from "./values.js";
export * from "./values.js";

export class YamlError extends Error {
  override readonly name = "YamlError";
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(message);
  }
}

/** Every non-empty document of a multi-document stream, as kustomize's resource reader sees them. */
export function parseAllDocuments(text: string, opts: { file?: string } = {}): YamlValue[] {
  const out: YamlValue[] = [];
  for (const d of parseDocs(text)) {
    if (d.errors.length) throw new YamlError(d.errors[0]!.message, opts.file);
    const v = d.toJS() as YamlValue;
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

/** One resource exactly as `kubectl kustomize` prints it (without the `---` separator). */
export function stringifyResource(v: YamlValue): string {
  return stringify(v);
}
