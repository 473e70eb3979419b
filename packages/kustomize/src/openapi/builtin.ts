import { K8S_V1_21_2_TABLE_JSON } from "./k8s-v1.21.2.js";
import { Schema, type SchemaNode } from "./schema.js";

/** The Kubernetes version whose schema kustomize v5.5 compiles in (and the only `openapi.version` it accepts). */
export const BUILTIN_OPENAPI_VERSION = "v1.21.2";

let builtin: Schema | undefined;

/**
 * The compiled-in Kubernetes schema, built once. Callers only read it; a kustomization that brings its
 * own schema gets a separate Schema (kustomize then drops the built-in types altogether).
 */
export function builtinSchema(): Schema {
  if (builtin) return builtin;
  const table = JSON.parse(K8S_V1_21_2_TABLE_JSON) as { definitions: unknown; gvks: unknown };
  builtin = new Schema().addDefinitions(
    table.definitions as unknown as Record<string, SchemaNode>,
    table.gvks as Record<string, string>,
  );
  return builtin;
}

export function isBuiltinOpenApiVersion(version: string): boolean {
  return version === BUILTIN_OPENAPI_VERSION;
}
