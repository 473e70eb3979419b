import type { FieldSpec } from "../types/kustomization.js";

/**
 * Compact constructor for the default tables: `at("spec/replicas", { kind: "Deployment", create: true })`.
 * Keeps the data modules readable as the YAML tables they mirror.
 */
export function at(path: string, opts: { group?: string; version?: string; kind?: string; create?: boolean } = {}): FieldSpec {
  const fs: FieldSpec = { path };
  if (opts.group) fs.group = opts.group;
  if (opts.version) fs.version = opts.version;
  if (opts.kind) fs.kind = opts.kind;
  if (opts.create) fs.create = true;
  return fs;
}
