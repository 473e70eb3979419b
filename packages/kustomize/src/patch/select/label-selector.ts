/**
 * Kubernetes label selector syntax (apimachinery `labels.Parse`), used by patch targets'
 * `labelSelector` and `annotationSelector`: comma-separated requirements, all of which must hold —
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`,
 * `key>1`, `key<1`. The empty selector matches everything.
 */

export type Operator = "exists" | "!" | "=" | "==" | "!=" | "in" | "notin" | ">" | "<";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class SelectorSyntaxError extends Error {}

type Token =
  | { t: "id"; v: string }
  | { t: "op"; v: "!" | "=" | "==" | "!=" | ">" | "<" | "(" | ")" | "," }
  | { t: "in" | "notin" }
  | { t: "end" };

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) {
      const two = s.slice(i, i + 2);
      if (two === "==" || two === "!=") {
        out.push({ t: "op", v: two });
        i += 2;
      } else {
        out.push({ t: "op", v: c as "!" });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < s.length && !WHITESPACE.has(s[j]!) && !SPECIAL.has(s[j]!)) j++;
    const word = s.slice(i, j);
    out.push(word === "in" || word === "notin" ? { t: word } : { t: "id", v: word });
    i = j;
  }
  out.push({ t: "end" });
  return out;
}

function show(tok: Token): string {
  switch (tok.t) {
    case "end":
      return "";
    case "in":
    case "notin":
      return tok.t;
    default:
      return tok.v;
  }
}

/** Parses a selector; throws SelectorSyntaxError with apimachinery's wording. */
export function parseSelector(selector: string): Requirement[] {
  const toks = tokenize(selector);
  let pos = 0;
  // Where a value is expected, `in`/`notin` are ordinary words.
  const peek = (values: boolean): Token => {
    const tok = toks[pos]!;
    return values && (tok.t === "in" || tok.t === "notin") ? { t: "id", v: tok.t } : tok;
  };
  const next = (values: boolean): Token => {
    const tok = peek(values);
    pos++;
    return tok;
  };
  const fail = (found: Token, expected: string): never => {
    throw new SelectorSyntaxError(`unable to parse requirement: found '${show(found)}', expected: ${expected}`);
  };

  const requirement = (): Requirement => {
    let tok = next(true);
    let negated = false;
    if (tok.t === "op" && tok.v === "!") {
      negated = true;
      tok = next(true);
    }
    if (tok.t !== "id") return fail(tok, "identifier");
    const key = tok.v;
    validateKey(key);
    const after = peek(true);
    if (after.t === "end" || (after.t === "op" && after.v === ",")) {
      return { key, operator: negated ? "!" : "exists", values: [] };
    }
    if (negated) return fail(after, "',' or 'end of string'");
    const opTok = next(false);
    let operator: Operator;
    if (opTok.t === "in" || opTok.t === "notin") operator = opTok.t;
    else if (opTok.t === "op" && ["=", "==", "!=", ">", "<"].includes(opTok.v)) operator = opTok.v as Operator;
    else return fail(opTok, "[!= < = == > in notin]");
    const values = operator === "in" || operator === "notin" ? valueSet() : [exactValue()];
    return makeRequirement(key, operator, values);
  };

  const exactValue = (): string => {
    const tok = peek(true);
    if (tok.t === "end" || (tok.t === "op" && tok.v === ",")) return "";
    pos++;
    if (tok.t === "id") return tok.v;
    return fail(tok, "identifier");
  };

  const valueSet = (): string[] => {
    const open = next(true);
    if (!(open.t === "op" && open.v === "(")) return fail(open, "'('");
    const first = peek(true);
    if (first.t === "op" && first.v === ")") {
      pos++;
      return [""];
    }
    if (!(first.t === "id" || (first.t === "op" && first.v === ","))) return fail(first, "',', ')' or identifier");
    const set = new Set<string>();
    for (;;) {
      const tok = next(true);
      if (tok.t === "id") {
        set.add(tok.v);
        const after = peek(true);
        if (after.t === "op" && after.v === ",") continue;
        if (after.t === "op" && after.v === ")") break;
        return fail(after, "',' or ')'");
      }
      if (tok.t === "op" && tok.v === ",") {
        // "(,", ",," and ",)" stand for empty values.
        if (set.size === 0) set.add("");
        const after = peek(true);
        if (after.t === "op" && after.v === ")") {
          set.add("");
          break;
        }
        if (after.t === "op" && after.v === ",") {
          pos++;
          set.add("");
        }
        continue;
      }
      return fail(tok, "',', or identifier");
    }
    const close = next(true);
    if (!(close.t === "op" && close.v === ")")) return fail(close, "')'");
    return [...set].sort();
  };

  const out: Requirement[] = [];
  for (;;) {
    const tok = peek(true);
    if (tok.t === "end") break;
    if (!(tok.t === "id" || (tok.t === "op" && tok.v === "!"))) fail(tok, "!, identifier, or 'end of string'");
    out.push(requirement());
    const sep = next(true);
    if (sep.t === "end") break;
    if (!(sep.t === "op" && sep.v === ",")) fail(sep, "',' or 'end of string'");
    const after = peek(true);
    if (!(after.t === "id" || (after.t === "op" && after.v === "!"))) fail(after, "identifier after ','");
  }
  return out;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string): void {
  const slash = key.lastIndexOf("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const ok =
    name.length > 0 &&
    name.length <= 63 &&
    NAME.test(name) &&
    (prefix === undefined || (prefix.length > 0 && prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)));
  if (!ok) throw new SelectorSyntaxError(`unable to parse requirement: invalid label key "${key}"`);
}

function validateValue(value: string): void {
  if (value.length > 63 || (value !== "" && !NAME.test(value))) {
    throw new SelectorSyntaxError(`unable to parse requirement: invalid label value: "${value}"`);
  }
}

function makeRequirement(key: string, operator: Operator, values: string[]): Requirement {
  if ((operator === "in" || operator === "notin") && values.length === 0) {
    throw new SelectorSyntaxError("for 'in', 'notin' operators, values set can't be empty");
  }
  if ((operator === ">" || operator === "<") && !/^[+-]?[0-9]+$/.test(values[0] ?? "")) {
    throw new SelectorSyntaxError("for 'Gt', 'Lt' operators, the value must be an integer");
  }
  for (const v of values) validateValue(v);
  return { key, operator, values };
}

/** Go's strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** Whether a label (or annotation) set satisfies every requirement. */
export function matchesRequirements(requirements: Requirement[], labels: ReadonlyMap<string, string>): boolean {
  return requirements.every((r) => {
    const has = labels.has(r.key);
    const value = labels.get(r.key);
    switch (r.operator) {
      case "exists":
        return has;
      case "!":
        return !has;
      case "=":
      case "==":
      case "in":
        return has && r.values.includes(value!);
      case "!=":
      case "notin":
        return !has || !r.values.includes(value!);
      case ">":
      case "<": {
        if (!has) return false;
        const actual = parseInt64(value!);
        const bound = parseInt64(r.values[0]!);
        if (actual === undefined || bound === undefined) return false;
        return r.operator === ">" ? actual > bound : actual < bound;
      }
    }
  });
}
