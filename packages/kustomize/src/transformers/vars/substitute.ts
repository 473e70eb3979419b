import type { YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import type { Resource } from "../../resource/resource.js";
import type { FieldSpec } from "../../types/kustomization.js";
import { applyFieldSpecs } from "../apply-field-specs.js";
import { type FieldVisitor, FieldPathError } from "../field-path.js";
import { expandVars, type VarMapping } from "./expand.js";

/**
 * Substitutes vars in the fields the varReference specs name (kustomize's refvar filter): a string
 * field is expanded; in a map, every string value; in a list, every item, which must all be
 * strings. Other values, and null, are left alone.
 */
export function substituteVars(r: Resource, specs: readonly FieldSpec[], mapping: VarMapping): void {
  applyFieldSpecs(r, specs, "none", substituteAt(mapping));
}

function substituteAt(mapping: VarMapping): FieldVisitor {
  return (parent, key) => {
    const slots = parent as Record<string | number, YamlValue>;
    const value = slots[key];
    if (typeof value === "string") {
      slots[key] = expandVars(value, mapping);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (typeof item !== "string") throw new FieldPathError("invalid value type expect a string");
        value[i] = expandVars(item, mapping);
      }
    } else if (isMap(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === "string") value[k] = expandVars(v, mapping);
    }
  };
}
