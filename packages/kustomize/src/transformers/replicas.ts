import type { YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { isSelected } from "../fieldspecs/gvk-match.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import { gvkString } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Replica } from "../types/kustomization.js";
import { WrongKindError, applyFieldSpecs } from "./apply-field-specs.js";
import { type FieldVisitor, nodeKindName } from "./field-path.js";
import { noteFieldWrite } from "../resource/field-writes.js";

/**
 * `replicas:` — for each entry, every field spec picks the resources whose current or any
 * previous id has that name and a matching gvk, and sets the count there. A name that matches
 * nothing under any spec is an error.
 */
export function applyReplicas(resMap: ResMap, replicas: readonly Replica[], config: TransformerConfig): void {
  for (const replica of replicas) {
    const count = replica.count ?? 0;
    let found = false;
    for (const fs of config.replicas) {
      const matches = resMap
        .resources()
        .filter((r) => [r.id(), ...r.prevIds].some((id) => id.name === replica.name && isSelected(id, fs)));
      if (matches.length === 0) continue;
      found = true;
      for (const r of matches) applyFieldSpecs(r, [fs], "scalar", setCount(count));
    }
    if (!found) {
      const gvks = config.replicas.map((fs) => gvkString({ group: fs.group ?? "", version: fs.version ?? "", kind: fs.kind ?? "" }));
      throw new KustomizeError(
        "TRANSFORMER",
        `resource with name ${replica.name} does not match a config with the following GVK [${gvks.join(" ")}]`,
      );
    }
  }
}

/**
 * kyaml replaces the scalar but keeps its quoting style, so a quoted count stays a string;
 * a created or plain one is an integer.
 */
function setCount(count: number): FieldVisitor {
  return (parent, key) => {
    const p = parent as Record<string | number, YamlValue>;
    const current = p[key];
    if (current !== null && current !== undefined && typeof current === "object") {
      throw new WrongKindError("ScalarNode", nodeKindName(current));
    }
    p[key] = typeof current === "string" && looksNonString(current) ? String(count) : count;
    noteFieldWrite();
  };
}

/** A string that YAML would read as another type unquoted — so it must have been quoted. */
function looksNonString(s: string): boolean {
  return /^(?:[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|\.inf|\.Inf|\.INF)|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.nan|\.NaN|\.NAN|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)$/.test(s);
}
