import type { YamlValue } from "@kfrender/yaml";
import { ApplyError } from "./errors.js";

/**
 * The apply body, written by hand rather than through a typed model: every field reaches the
 * server (custom-resource fields included), and integers held as bigint keep all their digits.
 */
export function toJson(value: YamlValue): string {
  const parts: string[] = [];
  write(value, parts, "");
  return parts.join("");
}

function write(v: YamlValue, out: string[], path: string): void {
  switch (typeof v) {
    case "string":
      out.push(JSON.stringify(v));
      return;
    case "bigint":
      out.push(v.toString());
      return;
    case "number":
      if (!Number.isFinite(v)) throw new ApplyError("INVALID_INPUT", `${path || "value"}: ${v} cannot be sent as JSON`);
      out.push(JSON.stringify(v));
      return;
    case "boolean":
      out.push(v ? "true" : "false");
      return;
  }
  if (v === null) {
    out.push("null");
    return;
  }
  if (Array.isArray(v)) {
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(",");
      write(v[i]!, out, `${path}[${i}]`);
    }
    out.push("]");
    return;
  }
  out.push("{");
  let first = true;
  for (const key of Object.keys(v)) {
    const item = v[key];
    if (item === undefined) continue;
    if (!first) out.push(",");
    first = false;
    out.push(JSON.stringify(key), ":");
    write(item, out, `${path}.${key}`);
  }
  out.push("}");
}
