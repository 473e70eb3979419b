import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { isMap } from "@kfrender/yaml";
import type { Found } from "./lookup.js";
import { isListSelector, parseIndex, splitListSelector } from "./path-split.js";
import { resolvePlain, yamlScalarForm } from "./scalars.js";
import { wrongKind } from "./wrong-kind.js";
import { goRegExp, GoRegexpSyntaxError } from "../../go-regexp.js";

/** What to create for a missing leaf: kyaml creates a node of the source value's kind. */
export type CreateKind = "scalar" | "map" | "seq";

/** A matched field; `created` marks a scalar leaf made just now (untagged, so its text resolves plainly). */
export interface Match extends Found {
  created: boolean;
}

/**
 * kyaml's PathMatcher: every field a replacement target path reaches. Parts are map keys, list
 * indexes, `*` (every list element) and `[field=regex]` / `[=regex]` (unanchored Go regular
 * expressions, as kyaml matches them). With `create`, missing maps, lists, list entries and the
 * leaf are made on the way.
 */
export function matchPath(root: YamlMap, path: string[], create?: CreateKind): Match[] {
  const out: Match[] = [];
  walk(root, path, create, out);
  return out;
}

function walk(node: YamlValue, path: string[], create: CreateKind | undefined, out: Match[]): void {
  const part = path[0]!;
  const rest = path.slice(1);
  const idx = parseIndex(part);
  if (idx !== undefined) return byIndex(listOf(node), idx, rest, create, out);
  if (isListSelector(part)) return bySelector(node, part, rest, create, out);
  if (part === "*") {
    const list = listOf(node);
    list.forEach((el, i) => visit(list, i, el, rest, create, out, false));
    return;
  }
  if (node === null && !create) return;
  // Under a null node kyaml creates into a detached node: matches, but nothing shows in the output.
  const map: YamlValue = node === null ? {} : node;
  if (!isMap(map)) throw wrongKind("MappingNode", map);
  if (!Object.hasOwn(map, part)) {
    if (!create) return;
    map[part] = newNode(rest[0], create);
    return visit(map, part, map[part]!, rest, create, out, rest.length === 0 && create === "scalar");
  }
  visit(map, part, map[part]!, rest, create, out, false);
}

function visit(
  parent: YamlMap | YamlValue[],
  key: string | number,
  value: YamlValue,
  rest: string[],
  create: CreateKind | undefined,
  out: Match[],
  created: boolean,
): void {
  if (rest.length === 0) out.push({ parent, key, created });
  else walk(value, rest, create, out);
}

function byIndex(list: YamlValue[], idx: number, rest: string[], create: CreateKind | undefined, out: Match[]): void {
  let created = false;
  if (list.length === idx && create) {
    list.push(newNode(rest[0], create));
    created = rest.length === 0 && create === "scalar";
  }
  if (list.length < idx + 1) throw new Error(`index ${idx} specified but only ${list.length} elements found`);
  visit(list, idx, list[idx]!, rest, create, out, created);
}

function bySelector(node: YamlValue, part: string, rest: string[], create: CreateKind | undefined, out: Match[]): void {
  const { field, value } = splitListSelector(part);
  const list = listOf(node);
  // kyaml compiles the expression per element visited, so an empty list never reports a bad one.
  let compiled: RegExp | undefined;
  const regex = (): RegExp => {
    try {
      return (compiled ??= goRegExp(value));
    } catch (e) {
      if (!(e instanceof GoRegexpSyntaxError)) throw e;
      throw new Error(e.message);
    }
  };
  const collect = (): Match[] => {
    const found: Match[] = [];
    list.forEach((el, i) => {
      const re = regex();
      if (field === "") {
        // A primitive entry is itself the match; kyaml ignores any path after it.
        if (re.test(yamlScalarForm(el))) found.push({ parent: list, key: i, created: false });
      } else if (isMap(el) && Object.hasOwn(el, field) && re.test(yamlScalarForm(el[field]!))) {
        visit(list, i, el, rest, create, found, false);
      }
    });
    return found;
  };
  let found = collect();
  if (found.length === 0 && create) {
    const made = resolvePlain(value).value;
    list.push(field === "" ? made : { [field]: made });
    found = collect();
  }
  out.push(...found);
}

/** Elements of a list; a null node has none (a detached list); anything else is kyaml's wrong-kind error. */
function listOf(node: YamlValue): YamlValue[] {
  if (Array.isArray(node)) return node;
  if (node === null) return [];
  throw wrongKind("SequenceNode", node);
}

/** kyaml's getPathPartKind: what to create for a missing step, given the step after it. */
function newNode(next: string | undefined, create: CreateKind): YamlValue {
  const kind = next === undefined ? create : isListSelector(next) || parseIndex(next) !== undefined ? "seq" : "map";
  return kind === "map" ? {} : kind === "seq" ? [] : null;
}
