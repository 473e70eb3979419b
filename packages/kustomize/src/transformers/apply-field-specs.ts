import { isMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { resIdString } from "../resource/res-id.js";
import type { Resource } from "../resource/resource.js";
import type { FieldSpec } from "../types/kustomization.js";
import { nonStringKeyMessage, readsBackAsKey } from "../resource/plain-keys.js";
import { EntrySetter } from "../resource/shared-nodes.js";
import { type CreateKind, FieldPathError, type FieldVisitor, fieldSpecGvkOf, nodeKindName, visitFieldSpec } from "./field-path.js";
import { noteFieldWrite } from "../resource/field-writes.js";

/** A value of the wrong node kind where a setter wants a map or a scalar. */
export class WrongKindError extends FieldPathError {
  constructor(
    readonly expected: "MappingNode" | "ScalarNode" | "SequenceNode",
    readonly actual: string,
  ) {
    super(`wrong node kind: expected ${expected} but got ${actual}`);
  }
}

/**
 * Runs `visit` on every value the field specs select in `r`, turning a path that cannot be
 * walked into kustomize's "considering field … of object …" error.
 */
export function applyFieldSpecs(
  r: Resource,
  specs: readonly FieldSpec[],
  createKind: CreateKind,
  visit: FieldVisitor,
  wrap: (e: FieldPathError, message: string) => string = (_e, m) => m,
): void {
  const gvk = fieldSpecGvkOf(r.obj);
  // Indexed loops on this path (per resource, per spec): most of a build runs before the JIT
  // optimises it, and the interpreter's for-of allocates an iterator result per step.
  for (let i = 0; i < specs.length; i++) {
    const fs = specs[i]!;
    try {
      visitFieldSpec(r.obj, fs, createKind, visit, gvk);
    } catch (e) {
      if (!(e instanceof FieldPathError)) throw e;
      const message = `considering field '${fs.path}' of object ${resIdString(r.id())}: ${e.message}`;
      throw new KustomizeError("TRANSFORMER", wrap(e, message));
    }
  }
}

/**
 * kyaml's SetEntry(key, value) on a map found at a field path; a null there is left alone. Make
 * one per resource: the fields it adds share one node (see resource/shared-nodes.ts).
 */
export function setMapEntry(key: string, value: string): FieldVisitor {
  const setter = new EntrySetter(key, value);
  const keyOk = readsBackAsKey(key);
  return (parent, k) => {
    const node = (parent as Record<string | number, YamlValue>)[k];
    if (node === null || node === undefined) return;
    if (!isMap(node)) throw new WrongKindError("MappingNode", nodeKindName(node));
    if (!keyOk) throw new FieldPathError(nonStringKeyMessage(`key ${JSON.stringify(key)}`));
    setter.set(node);
  };
}

/** Replaces the scalar (or null) found at a field path with `next(current)`. */
export function setScalar(next: (current: string) => string): FieldVisitor {
  return (parent, k) => {
    const p = parent as Record<string | number, YamlValue>;
    const node = p[k];
    if (node !== null && node !== undefined && (Array.isArray(node) || isMap(node))) {
      throw new WrongKindError("ScalarNode", nodeKindName(node));
    }
    p[k] = next(scalarText(node));
    noteFieldWrite();
  };
}

/** A scalar's text as kyaml would read it from the node. */
export function scalarText(v: YamlValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : String(v);
}
