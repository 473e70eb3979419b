import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

/** kustomize's default `nameSuffix` table (same shape as namePrefix). */
export const NAME_SUFFIX_FIELD_SPECS: readonly FieldSpec[] = [at("metadata/name")];
