import type { FieldSpec } from "../types/kustomization.js";

/** A kind that others refer to by name, and the fields where they do (kustomize's nameReference entry). */
export interface NameBackReference {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

/**
 * The field-spec tables that drive the transformers (kustomize's TransformerConfig). Defaults live
 * beside this file, one data module per table; `configurations:` files are merged into them.
 */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  /** Extra fields every `labels:` entry writes to (empty by default; filled by `configurations:`). */
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  nameReference: NameBackReference[];
  varReference: FieldSpec[];
}
