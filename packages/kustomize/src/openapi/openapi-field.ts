import { isMap, parseAllDocuments } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { Loader } from "../loader/loader.js";
import type { Resource } from "../resource/resource.js";
import { builtinSchema, isBuiltinOpenApiVersion } from "./builtin.js";
import { isPrecomputedType } from "./precomputed-types.js";
import { normalizeDefinitions, Schema } from "./schema.js";

/**
 * The schema a build's strategic merge patches use, following kustomize's `openapi:` field. kyaml
 * keeps one schema for the whole build, and this mirrors its state machine:
 *
 * - Choosing: the kustomization being built sets its choice first (`root`, always wins); each base
 *   or component sets its own as it is accumulated, only if nothing is chosen yet. A choice is a
 *   `path:` to a schema document (JSON or YAML swagger), or `version:` (only v1.21.2 is built in);
 *   with none, the built-in Kubernetes v1.21.2 schema.
 * - Loading: the choice is loaded lazily, when first needed — by a strategic merge patch, or by
 *   accumulating a resource whose type kyaml must look up (see noteResources). Loading adds
 *   definitions to those loaded before, so a custom schema chosen by a base after the built-in one
 *   was loaded still sees the built-in types; chosen before, it sees only its own.
 */
export class OpenApiSelection {
  private version = "";
  private customText: string | undefined;
  private customFile = "";
  private loaded: Schema | undefined;
  private upToDate = false;

  /**
   * Applies one kustomization's `openapi:` field; `root` is true for the kustomization being built
   * (call that first, before accumulating anything) and false for each base and component, as it
   * is accumulated and before its own transformers run.
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

  /** kyaml's SetSchema, with the schema document already read (`text`, when `openapi.path` is set). */
  set(openapi: Record<string, string>, text: string | undefined, file: string, reset: boolean): void {
    const chosen = this.version !== "" || this.customText !== undefined;
    if (chosen && !reset) return;
    const versionGiven = Object.prototype.hasOwnProperty.call(openapi, "version");
    if (text !== undefined) {
      if (versionGiven) {
        throw new KustomizeError("INVALID_KUSTOMIZATION", "builtin version and custom schema provided, cannot use both", file);
      }
      this.customText = text;
      this.customFile = file;
      this.version = "custom";
      this.upToDate = false;
      return;
    }
    this.version = openapi.version ?? "";
    if (this.version === "") return;
    if (!isBuiltinOpenApiVersion(this.version)) {
      throw new KustomizeError("INVALID_KUSTOMIZATION", "the specified OpenAPI version is not built in", file);
    }
    this.customText = undefined;
    this.upToDate = false;
  }

  /**
   * Tells the selection resources were accumulated: one whose type is not in kyaml's precomputed
   * scope table makes kyaml load the chosen schema there and then.
   */
  noteResources(resources: Iterable<Resource>): void {
    if (this.upToDate) return;
    for (const r of resources) {
      if (!isPrecomputedType(r.apiVersion, r.kind)) {
        this.load();
        return;
      }
    }
  }

  /** The schema in force now (loading it if needed). */
  current(): Schema {
    this.load();
    return this.loaded!;
  }

  private load(): void {
    if (this.upToDate) return;
    this.upToDate = true;
    const next = this.customText !== undefined ? schemaFromDocument(this.customText, this.customFile) : builtinSchema();
    this.loaded = this.loaded ? this.loaded.with(next) : next;
  }
}

/**
 * A schema from an OpenAPI (swagger 2.0) document in JSON or YAML: its `definitions`, indexed by their
 * `x-kubernetes-group-version-kind`.
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
