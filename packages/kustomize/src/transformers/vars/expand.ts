import type { YamlValue } from "@kfrender/yaml";
import { goFormatValue } from "./go-format.js";

/** Looks a var up: its value, or undefined to leave `$(NAME)` as written. */
export type VarMapping = (name: string) => YamlValue | undefined;

/**
 * kustomize's refvar DoReplacements: `$(NAME)` becomes the var's value, `$$` becomes `$` (so
 * `$$(NAME)` is a literal `$(NAME)`), anything else after `$` is kept. A string that is exactly
 * one `$(NAME)` takes the value itself, keeping its type (a port stays a number).
 */
export function expandVars(input: string, mapping: VarMapping): YamlValue {
  if (!input.includes("$")) return input;
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === "$") {
      out += "$";
    } else if (next === "(") {
      const close = input.indexOf(")", cursor + 2);
      if (close < 0) {
        out += "$(";
      } else {
        const name = input.slice(cursor + 2, close);
        const value = mapping(name);
        const mapped = value === undefined ? `$(${name})` : value;
        if (close === input.length - 1 && cursor === 0) return mapped;
        out += goFormatValue(mapped);
        advance = close - cursor;
      }
    } else {
      out += "$" + next;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
