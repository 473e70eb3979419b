import { parseAllDocuments } from "yaml";
import { SourcesError } from "./errors.js";
import type { RepoSpec } from "./types.js";

/**
 * `spec.repos` of a KfDef. Only the first YAML document counts and scalars are typed as YAML 1.1,
 * as kfctl's yaml.v2 reads them; a non-string scalar in a string field becomes its text
 * (`true` → "true", `3` → "3"), the ghodss/yaml way. A missing `spec.repos` is an empty list.
 */
export function parseKfDefRepos(text: string, file?: string): RepoSpec[] {
  const docs = parseAllDocuments(text, { version: "1.1" });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (!first) return [];
  if (first.errors.length) throw new SourcesError("KFDEF_INVALID", `${file ?? "KfDef"}: ${first.errors[0]!.message}`, file);
  const root: unknown = first.toJS();
  const spec = isMap(root) ? root.spec : undefined;
  const repos = isMap(spec) ? spec.repos : undefined;
  if (repos === undefined || repos === null) return [];
  if (!Array.isArray(repos)) throw new SourcesError("KFDEF_INVALID", `${file ?? "KfDef"}: spec.repos must be a list`, file);
  return repos.map((r, i) => {
    if (!isMap(r)) throw new SourcesError("KFDEF_INVALID", `${file ?? "KfDef"}: spec.repos[${i}] must be a mapping`, file);
    const repo: RepoSpec = { name: scalarText(r.name), uri: scalarText(r.uri) };
    const path = scalarText(r.path);
    if (path !== "") repo.path = path;
    return repo;
  });
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function scalarText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return "";
}
