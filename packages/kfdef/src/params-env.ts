// kfctl's params.env update (spec §5.2): application parameters replace `key=...` lines, and the
// lines `appName`, `namespace`, `project` without a parameter get the KfDef's values.

import type { KfParameter } from "./kfdef.js";

export interface ParamsEnvContext {
  /** The application's parameters (later duplicates win). */
  parameters: readonly KfParameter[];
  /** KfDef name (§1: metadata.name, else `kubeflow`). */
  name: string;
  namespace: string;
  project: string;
}

/**
 * kfctl appended 8 random hex digits to an empty `generateName`; renders must be reproducible,
 * so the specification fixes them (§9).
 */
export const GENERATE_NAME_SUFFIX = "00000000";

/** The new content of a params.env file. */
export function updateParamsEnv(text: string, ctx: ParamsEnvContext): string {
  const params = new Map<string, string>();
  for (const p of ctx.parameters) params.set(p.name, p.value);
  // bufio.Scanner lines: split at \n, one trailing \r dropped, no empty last line for a final \n.
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out = lines.map((raw) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const parts = line.split("=");
    const key = parts[0]!;
    const value = params.get(key);
    if (value !== undefined && value !== "") {
      if (key === "generateName" && (parts.length === 1 || parts[1] === "")) return `${key}=${value}${GENERATE_NAME_SUFFIX}`;
      return `${key}=${value}`;
    }
    switch (key) {
      case "appName":
        return `appName=${ctx.name}`;
      case "namespace":
        return `namespace=${ctx.namespace}`;
      case "project":
        return `project=${ctx.project}`;
    }
    return line;
  });
  return out.map((l) => l + "\n").join("");
}
