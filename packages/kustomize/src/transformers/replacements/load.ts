import { isMap, parseAllDocuments, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../../errors.js";
import type { Loader } from "../../loader/loader.js";
import type { Replacement, ReplacementField } from "../../types/kustomization.js";

/**
 * Resolves a kustomization's `replacements:` entries: inline ones as they are, `path:` ones read
 * from a file holding one replacement (a map) or a list of them. Errors carry kustomize's
 * "trouble configuring builtin ReplacementTransformer" wrapping, which quotes the whole field.
 */
export function loadReplacements(fields: ReplacementField[], loader: Loader): Replacement[] {
  const out: Replacement[] = [];
  for (const f of fields) {
    const path = "path" in f && typeof f.path === "string" ? f.path : "";
    const inline = f as Replacement;
    if (!path) {
      out.push(inline);
      continue;
    }
    if (inline.source || inline.targets?.length) {
      throw configError(fields, "cannot specify both path and inline replacement");
    }
    let text: string;
    try {
      text = loader.readFile(path);
    } catch (e) {
      throw configError(fields, (e as Error).message);
    }
    let doc: YamlValue | undefined;
    try {
      doc = parseAllDocuments(text, { file: path })[0];
    } catch (e) {
      throw configError(fields, (e as Error).message);
    }
    if (Array.isArray(doc)) out.push(...(doc as Replacement[]));
    else if (isMap(doc)) out.push(doc as Replacement);
    else throw configError(fields, `unsupported replacement type encountered within replacement path: ${goKind(doc)}`);
  }
  return out;
}

/** reflect.Kind of what sigs.k8s.io/yaml makes of a document. */
function goKind(v: YamlValue | undefined): string {
  if (v === undefined || v === null) return "invalid";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  return "float64";
}

function configError(fields: ReplacementField[], message: string): KustomizeError {
  const config = emitGoYaml({ Replacements: fields as unknown as YamlValue }, 0);
  return new KustomizeError(
    "REPLACEMENT",
    `trouble configuring builtin ReplacementTransformer with config: \`\n${config}\`: ${message}`,
  );
}

/**
 * The plugin config as sigs.k8s.io/yaml prints it: keys sorted, empty values dropped (the Go
 * fields are omitempty), lists not indented under their key.
 */
function emitGoYaml(v: YamlValue, indent: number): string {
  const pad = " ".repeat(indent);
  if (Array.isArray(v)) {
    return v
      .map((item) => {
        const body = isMap(item) || Array.isArray(item) ? emitGoYaml(item, indent + 2) : `${pad}  ${scalar(item)}\n`;
        return `${pad}- ${body.slice(indent + 2)}`;
      })
      .join("");
  }
  if (!isMap(v)) return `${pad}${scalar(v)}\n`;
  let out = "";
  for (const key of Object.keys(v).sort()) {
    const x = v[key]!;
    if (x === null || x === "" || x === false || x === 0 || (Array.isArray(x) && !x.length)) continue;
    if (isMap(x) && !Object.keys(x).length) continue;
    if (Array.isArray(x)) out += `${pad}${key}:\n${emitGoYaml(x, indent)}`;
    else if (isMap(x)) out += `${pad}${key}:\n${emitGoYaml(x, indent + 2)}`;
    else out += `${pad}${key}: ${scalar(x)}\n`;
  }
  return out;
}

function scalar(v: YamlValue): string {
  if (typeof v !== "string") return String(v);
  return v === "" || /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$|^(true|false|null|~|yes|no|on|off|[-+.\d][\d.eE+-]*)$/i.test(v)
    ? JSON.stringify(v)
    : v;
}
