import { KustomizeError } from "../errors.js";
import type { Var } from "../types/kustomization.js";
import type { Accumulator } from "./accumulator.js";

/** kustomize's VarSet.MergeSlice: a var name may be declared once across the whole build. */
export function mergeVarSlices(a: Var[], b: Var[]): Var[] {
  const out = a.slice();
  for (const v of b) {
    if (out.some((x) => x.name === v.name)) {
      throw new KustomizeError("VAR", `var '${v.name}' already encountered`);
    }
    out.push(v);
  }
  return out;
}

export function mergeVars(acc: Accumulator, incoming: Var[], file: string): void {
  try {
    acc.vars = mergeVarSlices(acc.vars, incoming);
  } catch (e) {
    if (e instanceof KustomizeError) throw new KustomizeError(e.code, `merging vars: ${e.message}`, file);
    throw e;
  }
}
