/**
 * Field paths as kustomize's replacements and vars spell them: `.`-separated, `\.` escapes a dot,
 * `[name=value]` list selectors keep their dots, and `[a.b]` names a key that contains dots.
 */

/** Splits on `delimiter`; a part ending in `\` is joined with the next (the escape is dropped). */
export function splitEscaped(path: string, delimiter: string): string[] {
  const parts = path.split(delimiter);
  const out: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const last = out.length - 1;
    if (out[last]!.endsWith("\\")) out[last] = out[last]!.slice(0, -1) + delimiter + parts[i];
    else out.push(parts[i]!);
  }
  return out;
}

/**
 * kyaml's SmarterPathSplitter: a bracketed part spanning delimiters stays whole; with an `=` it is a
 * list selector and keeps its brackets, without one it is a map key and loses them.
 */
export function splitFieldPath(path: string, delimiter = "."): string[] {
  const parts = splitEscaped(path, delimiter);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.startsWith("[") || part.endsWith("]")) {
      out.push(part);
      continue;
    }
    const bracketed = [part];
    while (i < parts.length - 1) {
      i++;
      bracketed.push(parts[i]!);
      if (parts[i]!.endsWith("]")) break;
    }
    const joined = bracketed.join(delimiter);
    out.push(joined.includes("=") ? joined : trimBrackets(joined));
  }
  return out;
}

/** Go's strings.Trim(s, "[]"). */
function trimBrackets(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === "[" || s[a] === "]")) a++;
  while (b > a && (s[b - 1] === "[" || s[b - 1] === "]")) b--;
  return s.slice(a, b);
}

/** kyaml's convertSliceIndex, used by var field paths: `ports[0]` becomes `ports`, `0`. */
export function expandSliceIndexes(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const m = part.endsWith("]") ? /^(.*)\[(\d+)\]$/s.exec(part) : null;
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    out.push(m[2]!);
  }
  return out;
}

/** Go's strconv.Atoi accepting only what kyaml treats as a list index (a non-negative integer). */
export function parseIndex(part: string): number | undefined {
  if (!/^[+-]?\d+$/.test(part)) return undefined;
  const n = Number(part);
  if (!Number.isSafeInteger(n) || n < 0) return undefined;
  return n;
}

/** `[field=value]`: a list selector (kyaml's IsListIndex). */
export function isListSelector(part: string): boolean {
  return part.startsWith("[") && part.endsWith("]");
}

/** kyaml's SplitIndexNameValue. */
export function splitListSelector(part: string): { field: string; value: string } {
  let elem = part.endsWith("]") ? part.slice(0, -1) : part;
  if (elem.startsWith("[")) elem = elem.slice(1);
  const eq = elem.indexOf("=");
  if (eq < 0) throw new Error("list path element must contain fieldName=fieldValue for element to match");
  return { field: elem.slice(0, eq), value: elem.slice(eq + 1) };
}
