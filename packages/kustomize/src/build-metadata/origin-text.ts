import type { ResourceOrigin } from "./origin.js";

/**
 * The annotation texts, as kyaml's Marshal (go-yaml v3) writes kustomize's Origin struct: fields
 * in declaration order, empty ones left out, two-space indents, list items not indented.
 */
export function originText(o: ResourceOrigin): string {
  return originLines(o, "", "");
}

export function transformationsText(list: readonly ResourceOrigin[]): string {
  let out = "";
  for (const o of list) out += originLines(o, "- ", "  ");
  return out;
}

function originLines(o: ResourceOrigin, first: string, rest: string): string {
  const lines: string[] = [];
  const field = (key: string, v: string | undefined, indent = "") => {
    if (v) lines.push(`${indent}${key}: ${scalar(v)}`);
  };
  field("path", o.path);
  field("repo", o.repo);
  field("ref", o.ref);
  field("configuredIn", o.configuredIn);
  const by = o.configuredBy;
  if (by && (by.apiVersion || by.kind || by.name || by.namespace)) {
    lines.push("configuredBy:");
    field("apiVersion", by.apiVersion, "  ");
    field("kind", by.kind, "  ");
    field("name", by.name, "  ");
    field("namespace", by.namespace, "  ");
  }
  if (lines.length === 0) return `${first}{}\n`;
  return lines.map((l, i) => (i === 0 ? first : rest) + l).join("\n") + "\n";
}

/** Words YAML would read as something other than a string: go-yaml v3 double-quotes them. */
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO]?[0-7_]+|[-+]?0[bB][01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;

/**
 * Paths, kinds and names are nearly always plain. Anything a plain scalar cannot hold is
 * single-quoted (or double-quoted when it has characters a single-quoted scalar cannot show).
 */
function scalar(s: string): string {
  if (/[\x00-\x1f\x7f-\x9f]/.test(s)) return JSON.stringify(s);
  if (NOT_A_STRING.test(s)) return JSON.stringify(s);
  // Block context: flow indicators only matter first; `-`, `?` and `:` only before a space.
  const start = /^[-?:](?!\s|$)/.test(s) || !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s);
  if (start && !/\s$/.test(s) && !/:(?:\s|$)| #/.test(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}
