import type { YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import { scalarText } from "./scalars.js";

function kindName(v: YamlValue): string {
  if (Array.isArray(v)) return "SequenceNode";
  return isMap(v) ? "MappingNode" : "ScalarNode";
}

/** kyaml's ErrorIfInvalid message (node contents shown in flow form, not kustomize's block form). */
export function wrongKind(expected: "MappingNode" | "SequenceNode", node: YamlValue): Error {
  const contents = typeof node === "object" && node !== null ? JSON.stringify(node) : scalarText(node);
  return new Error(`wrong node kind: expected ${expected} but got ${kindName(node)}: node contents:\n${contents}\n`);
}
