import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/**
 * kustomize's default `namePrefix` table. CRDs, APIServices and Namespaces are never renamed, but
 * that is a rule of the transformer, not of this table: kustomize keeps one wildcard entry here.
 */
export const NAME_PREFIX_FIELD_SPECS: readonly FieldSpec[] = [at("metadata/name")];
