/**
 * Kubernetes label-selector strings (`a=b,c!=d,e in (x,y),!f,g`), as kustomize parses them for
 * `labelSelector` and `annotationSelector`.
 */

type Op = "exists" | "!" | "=" | "!=" | "in" | "notin" | ">" | "<";

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

const cache = new Map<string, Requirement[]>();

export function parseLabelSelector(selector: string): Requirement[] {
  let reqs = cache.get(selector);
  if (!reqs) {
    reqs = parse(selector);
    cache.set(selector, reqs);
  }
  return reqs;
}

/** True when every requirement of `selector` holds for `labels`; an empty selector matches all. */
export function matchesLabelSelector(selector: string | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return parseLabelSelector(selector).every((r) => holds(r, labels));
}

function holds(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case "exists":
      return has;
    case "!":
      return !has;
    case "=":
    case "in":
      return has && r.values.includes(v!);
    case "!=":
    case "notin":
      return !has || !r.values.includes(v!);
    case ">":
    case "<": {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const a = Number(v);
      const b = Number(r.values[0]);
      return r.op === ">" ? a > b : a < b;
    }
  }
}

function parse(s: string): Requirement[] {
  const out: Requirement[] = [];
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const word = () => {
    ws();
    const start = i;
    while (i < s.length && !/[\s,()=!<>]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const fail = (why: string): never => {
    throw new Error(`unable to parse requirement: ${why}`);
  };
  for (;;) {
    ws();
    if (i >= s.length) break;
    let op: Op | undefined;
    if (s[i] === "!") {
      i++;
      op = "!";
    }
    const key = word();
    if (!key) fail(`found '${s[i] ?? ""}', expected: identifier`);
    ws();
    const values: string[] = [];
    if (op === "!") {
      // `!key` takes no operator.
    } else if (i >= s.length || s[i] === ",") {
      op = "exists";
    } else if (s.startsWith("==", i)) {
      i += 2;
      op = "=";
    } else if (s.startsWith("!=", i)) {
      i += 2;
      op = "!=";
    } else if (s[i] === "=" || s[i] === ">" || s[i] === "<") {
      op = s[i] as Op;
      i++;
    } else {
      const w = word();
      if (w !== "in" && w !== "notin") fail(`found '${w}', expected: in, notin, =, ==, !=, gt, lt`);
      op = w as Op;
      ws();
      if (s[i] !== "(") fail(`found '${s[i] ?? ""}', expected: '('`);
      i++;
      for (;;) {
        values.push(word());
        ws();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === ")") {
          i++;
          break;
        }
        fail(`found '${s[i] ?? ""}', expected: ',' or ')'`);
      }
    }
    if (op === "=" || op === "!=" || op === ">" || op === "<") values.push(word());
    out.push({ key, op: op!, values });
    ws();
    if (i < s.length) {
      if (s[i] !== ",") fail(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;
}
