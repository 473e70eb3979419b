import { type Node, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import { SourcesError } from "./errors.js";
import type { RepoSpec } from "./types.js";

/**
 * `spec.repos` of a KfDef. Only the first YAML document counts. Scalars are read as text and a
 * plain scalar is then typed as kfctl's gopkg.in/yaml.v2 (YAML 1.1) types it, then turned back into
 * a string the ghodss/yaml way (`yes` → "true", `012` → "10", `1.0` → "1"), because these fields
 * are strings in kfctl's Go types. A missing `spec.repos` is an empty list.
 */
export function parseKfDefRepos(text: string, file?: string): RepoSpec[] {
  const where = file ?? "KfDef";
  // The failsafe schema keeps every scalar's text; typing is done below, the yaml.v2 way.
  const docs = parseAllDocuments(text, { schema: "failsafe" });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (!first) return [];
  if (first.errors.length) throw new SourcesError("KFDEF_INVALID", `${where}: ${first.errors[0]!.message}`, file);
  const field = (node: unknown, key: string): unknown => (isMap(node) ? deref(node.get(key, true), first) : undefined);
  const repos = field(field(deref(first.contents, first), "spec"), "repos");
  if (repos === undefined || (isScalar(repos) && scalarText(repos, where, "spec.repos") === "")) return [];
  if (!isSeq(repos)) throw new SourcesError("KFDEF_INVALID", `${where}: spec.repos must be a list`, file);
  return repos.items.map((item, i) => {
    const r = deref(item, first);
    if (!isMap(r)) throw new SourcesError("KFDEF_INVALID", `${where}: spec.repos[${i}] must be a mapping`, file);
    const get = (k: string) => scalarText(field(r, k), where, `spec.repos[${i}].${k}`);
    const repo: RepoSpec = { name: get("name"), uri: get("uri") };
    const path = get("path");
    if (path !== "") repo.path = path;
    return repo;
  });
}

function deref(node: unknown, doc: { contents: unknown }): unknown {
  return isAlias(node) ? node.resolve(doc as never) : node;
}

function scalarText(node: unknown, where: string, at: string): string {
  if (node === undefined || node === null) return "";
  if (!isScalar(node)) throw new SourcesError("KFDEF_INVALID", `${where}: ${at} must be a string`);
  const text = String(node.value ?? "");
  return (node as Node & { type?: string }).type === "PLAIN" ? typedLikeYamlV2(text, where, at) : text;
}

const TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar as yaml.v2 resolves it, printed as ghodss/yaml prints the JSON value. */
function typedLikeYamlV2(s: string, where: string, at: string): string {
  if (s === "" || NULL.test(s)) return "";
  if (TRUE.test(s)) return "true";
  if (FALSE.test(s)) return "false";
  const int = goInt(s.replaceAll("_", ""));
  if (int !== undefined) return int;
  if (FLOAT.test(s)) return goFormatFloat(Number(s));
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(s)) {
    throw new SourcesError("KFDEF_INVALID", `${where}: ${at} is ${s}, which has no JSON form`);
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64) plus yaml.v2's `0b`: decimal, 0x hex, 0 octal, 0b binary. */
function goInt(s: string): string | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/.exec(s);
  if (!m) return undefined;
  const digits = m[2]!;
  const v =
    /^0[xX]/.test(digits) ? BigInt(digits)
    : /^0[bB]/.test(digits) ? BigInt(digits)
    : /^0[oO]/.test(digits) ? BigInt("0o" + digits.slice(2))
    : digits.length > 1 && digits.startsWith("0") ? BigInt("0o" + digits.slice(1))
    : BigInt(digits);
  const n = m[1] === "-" ? -v : v;
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n.toString();
}

/** Go's strconv.FormatFloat(x, 'g', -1, 64): shortest digits, %e for large or small exponents. */
function goFormatFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mant, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const digits = mant.replace(/^-/, "").replace(".", "");
  let eprec = 6;
  if (eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  if (exp < -4 || exp >= eprec) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  return x.toFixed(Math.max(digits.length - (exp + 1), 0));
}
