import { isMap, parseAllDocuments } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import { builtinSchema, isBuiltinOpenApiVersion } from "./builtin.js";
import { normalizeDefinitions, Schema } from "./schema.js";

/**
 * The schema a build's strategic merge patches use, chosen the way kustomize's `openapi:` field does.
 * kustomize keeps one schema for the whole build: the kustomization being built sets it first
 * (`root: true`, which always wins); each base or component then sets it only if nothing has yet,
 * as it is accumulated. Patches run after the accumulation that precedes them, so they see whatever
 * was chosen by then. Without any `openapi:` field the built-in Kubernetes v1.21.2 schema is used.
 */
export class OpenApiSelection {
  private version = "";
  private customText: string | undefined;
  private customFile = "";
  private cached: Schema | undefined;

  /**
   * Applies one kustomization's `openapi:` field (`path:` to a schema file, or `version:`).
   * `root` is true for the kustomization being built and false for bases and components.
   */
  apply(field: Record<string, string> | undefined, loader: Loader, root: boolean): void {
    const openapi = field ?? {};
    let text: string | undefined;
    let file = loader.root;
    if (Object.prototype.hasOwnProperty.call(openapi, "path")) {
      file = loader.resolvePath(openapi.path!);
      text = loader.readFile(openapi.path!);
    }
    this.set(openapi, text, file, root);
  }

  /** kyaml's SetSchema, with the schema document already read. */
  set(openapi: Record<string, string>, text: string | undefined, file: string, reset: boolean): void {
    const alreadySet = this.version !== "" || this.customText !== undefined;
    if (alreadySet && !reset) return;
    const versionGiven = Object.prototype.hasOwnProperty.call(openapi, "version");
    if (text !== undefined) {
      if (versionGiven) {
        throw new KustomizeError("INVALID_KUSTOMIZATION", "builtin version and custom schema provided, cannot use both", file);
      }
      this.customText = text;
      this.customFile = file;
      this.version = "custom";
      this.cached = undefined;
      return;
    }
    this.version = openapi.version ?? "";
    if (this.version === "") return;
    if (!isBuiltinOpenApiVersion(this.version)) {
      throw new KustomizeError("INVALID_KUSTOMIZATION", "the specified OpenAPI version is not built in", file);
    }
    this.customText = undefined;
    this.cached = undefined;
  }

  /** The schema in force now. */
  current(): Schema {
    if (this.customText === undefined) return builtinSchema();
    this.cached ??= schemaFromDocument(this.customText, this.customFile);
    return this.cached;
  }
}

/**
 * A schema from an OpenAPI (swagger 2.0) document in JSON or YAML: its `definitions`, indexed by their
 * `x-kubernetes-group-version-kind`. Such a schema replaces the built-in Kubernetes types entirely.
 */
export function schemaFromDocument(text: string, file = ""): Schema {
  let doc;
  try {
    doc = parseAllDocuments(text, { file })[0];
  } catch (e) {
    throw new KustomizeError("INVALID_KUSTOMIZATION", `invalid schema file: ${(e as Error).message}`, file);
  }
  const schema = new Schema();
  if (doc === undefined || doc === null) return schema;
  if (!isMap(doc)) throw new KustomizeError("INVALID_KUSTOMIZATION", "invalid schema file: not an OpenAPI object", file);
  const defs = doc.definitions;
  if (isMap(defs)) schema.addDefinitions(normalizeDefinitions(defs));
  return schema;
}
