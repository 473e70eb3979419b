/*
 * kyaml sets a field by putting a new node in place, even when the new value equals the old one,
 * and kustomize's check that a validator changed nothing compares nodes, positions included: any
 * field a transformer's setter writes counts as a change there. The setters that mirror kyaml's
 * (field-spec scalars, label and annotation entries, images, replicas) count their writes here so
 * that check can tell "wrote the same value" from "wrote nothing".
 */

let writes = 0;

/** The label a validator may add without counting as a change (kustomize's ValidatedByLabelKey). */
export const VALIDATED_BY_LABEL = "validated-by";

/** Called by a setter each time it writes a field. */
export function noteFieldWrite(): void {
  writes++;
}

/** Writes so far; compare two readings to learn whether anything was written in between. */
export function fieldWriteCount(): number {
  return writes;
}
