/**
 * Go's regular expressions (RE2 syntax, as `regexp.Compile` reads them) for JavaScript.
 *
 * kustomize builds regular expressions from user text (image names, selectors, list-entry
 * matchers), and the two dialects disagree on more than exotic corners: Go lets `^*` repeat an
 * assertion (so `images: [{name: "*"}]` matches every image), spells flags `(?i)` inline, knows
 * POSIX classes, `\Q…\E` and `\z`, and rejects back-references and look-arounds that JavaScript
 * accepts. `goRegExp` parses the Go syntax, reports what Go rejects, and writes an equivalent
 * JavaScript expression (unicode mode, no flags: Go's `i`, `m`, `s` and `U` flags are resolved
 * token by token, since they can change mid-pattern). Only matching is needed, so every group is
 * written as a non-capturing one.
 */

/** Go's compile error, worded as Go words it. */
export class GoRegexpSyntaxError extends Error {
  constructor(code: string, arg: string) {
    super(`error parsing regexp: ${code}: \`${arg}\``);
  }
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** Go caps counted repetition at 1000. */
const MAX_REPEAT = 1000;

const POSIX_CLASSES: Record<string, Array<[number, number]>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** Go's Perl classes are ASCII-only (JavaScript's `\s` also takes Unicode spaces). */
const PERL_CLASSES: Record<string, Array<[number, number]>> = {
  d: POSIX_CLASSES.digit!,
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: POSIX_CLASSES.word!,
};

/** A code point as a unicode-mode JavaScript escape, safe inside and outside classes. */
function esc(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCodePoint(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

/** The code points that case-fold to the same as `cp` (simple folding, as far as JavaScript tells). */
function foldOrbit(cp: number): number[] {
  const seen = new Set<number>([cp]);
  const single = (s: string): number | undefined => {
    const c = s.codePointAt(0);
    return c !== undefined && String.fromCodePoint(c) === s ? c : undefined;
  };
  const ch = String.fromCodePoint(cp);
  for (const other of [single(ch.toLowerCase()), single(ch.toUpperCase())]) {
    if (other === undefined) continue;
    seen.add(other);
    const back = [single(String.fromCodePoint(other).toLowerCase()), single(String.fromCodePoint(other).toUpperCase())];
    for (const b of back) if (b !== undefined) seen.add(b);
  }
  // The folds JavaScript's case mapping does not reach from both sides.
  const extra: Record<number, number[]> = { 0x4b: [0x212a], 0x6b: [0x212a], 0x212a: [0x4b, 0x6b], 0x53: [0x17f], 0x73: [0x17f], 0x17f: [0x53, 0x73] };
  for (const e of extra[cp] ?? []) seen.add(e);
  return [...seen];
}

/** Folding a class range one code point at a time is only worth it for ranges of this size. */
const MAX_FOLDED_RANGE = 0x3000;

function classBody(ranges: Array<[number, number]>, fold: boolean): string {
  let out = "";
  for (const [lo, hi] of ranges) {
    out += lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`;
    if (fold && hi - lo <= MAX_FOLDED_RANGE) {
      for (let cp = lo; cp <= hi; cp++) for (const f of foldOrbit(cp)) if (f < lo || f > hi) out += esc(f);
    }
  }
  return out;
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

function isWordChar(c: string): boolean {
  return /^[0-9A-Za-z_]$/.test(c);
}

class Parser {
  private pos = 0;
  private readonly chars: string[];

  constructor(private readonly text: string) {
    this.chars = [...text];
  }

  parse(): string {
    const out = this.alternation({ i: false, m: false, s: false, U: false }, 0);
    if (this.pos < this.chars.length) throw new GoRegexpSyntaxError("unexpected )", this.text);
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private rest(): string {
    return this.chars.slice(this.pos).join("");
  }

  /** Alternatives up to an unmatched `)` or the end; `depth` > 0 inside a group. */
  private alternation(flags: Flags, depth: number): string {
    const branches: string[] = [];
    let current = "";
    // The last atom written, kept apart so a repetition operator can wrap it.
    let atom: string | undefined;
    // The repetition operator just applied: Go refuses to stack a second one (`a**`).
    let lastRepeat: string | undefined;
    const flush = (): void => {
      if (atom !== undefined) current += atom;
      atom = undefined;
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        if (depth > 0) throw new GoRegexpSyntaxError("missing closing )", this.text);
        break;
      }
      if (c === ")") {
        if (depth === 0) throw new GoRegexpSyntaxError("unexpected )", this.text);
        break;
      }
      const repeat = this.repetition(flags);
      if (repeat !== undefined) {
        if (lastRepeat !== undefined) throw new GoRegexpSyntaxError("invalid nested repetition operator", lastRepeat + repeat.source);
        if (atom === undefined) throw new GoRegexpSyntaxError("missing argument to repetition operator", repeat.source);
        atom = `(?:${atom})${repeat.js}`;
        lastRepeat = repeat.source;
        continue;
      }
      lastRepeat = undefined;
      if (c === "|") {
        this.pos++;
        flush();
        branches.push(current);
        current = "";
        continue;
      }
      flush();
      if (c === "(") {
        const group = this.group(flags, depth);
        if (group === undefined) continue; // a bare flag group changes `flags` and writes nothing
        atom = group;
        continue;
      }
      atom = this.single(flags);
      if (atom === "") atom = undefined; // an empty `\Q\E`
    }
    flush();
    branches.push(current);
    return branches.join("|");
  }

  /** A repetition operator at the cursor (consumed), or undefined when there is none. */
  private repetition(flags: Flags): { source: string; js: string } | undefined {
    const start = this.pos;
    const c = this.peek();
    let js: string;
    if (c === "*" || c === "+" || c === "?") {
      this.pos++;
      js = c;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.rest());
      if (!m) return undefined; // not a repeat: a literal `{`
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
      this.pos += [...m[0]].length;
      const source = this.chars.slice(start, this.pos).join("");
      if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
        throw new GoRegexpSyntaxError("invalid repeat count", source);
      }
      js = max === -1 ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
    } else {
      return undefined;
    }
    let lazy = false;
    if (this.peek() === "?") {
      this.pos++;
      lazy = true;
    }
    if (flags.U) lazy = !lazy;
    return { source: this.chars.slice(start, this.pos).join(""), js: js + (lazy ? "?" : "") };
  }

  /** A group at `(`: its JavaScript, or undefined for a flag setting like `(?i)`. */
  private group(flags: Flags, depth: number): string | undefined {
    const start = this.pos;
    this.pos++; // (
    let inner: Flags = { ...flags };
    if (this.peek() === "?") {
      const rest = this.rest();
      const named = /^\?P?<([^>]*)>/.exec(rest);
      if (named) {
        if (named[1] === "" || ![...named[1]!].every(isWordChar)) {
          throw new GoRegexpSyntaxError("invalid named capture", this.chars.slice(start, this.pos + [...named[0]].length).join(""));
        }
        this.pos += [...named[0]].length;
      } else {
        this.pos++; // ?
        let negate = false;
        let sawFlag = false;
        for (;;) {
          const c = this.peek();
          if (c === "i" || c === "m" || c === "s" || c === "U") {
            inner[c] = !negate;
            sawFlag = true;
            this.pos++;
          } else if (c === "-" && !negate) {
            negate = true;
            sawFlag = false;
            this.pos++;
          } else if ((c === ")" || c === ":") && !(negate && !sawFlag) && (sawFlag || c === ":")) {
            this.pos++;
            if (c === ")") {
              Object.assign(flags, inner);
              return undefined;
            }
            break;
          } else {
            const end = c === undefined ? this.pos : this.pos + 1;
            throw new GoRegexpSyntaxError("invalid or unsupported Perl syntax", this.chars.slice(start, end).join(""));
          }
        }
      }
    }
    const body = this.alternation(inner, depth + 1);
    this.pos++; // )
    return `(?:${body})`;
  }

  /** One atom that is not a group: a literal, `.`, an assertion, a class or an escape. */
  private single(flags: Flags): string {
    const c = this.peek()!;
    if (c === "^") {
      this.pos++;
      return flags.m ? "(?:^|(?<=\\n))" : "^";
    }
    if (c === "$") {
      this.pos++;
      return flags.m ? "(?:$|(?=\\n))" : "$";
    }
    if (c === ".") {
      this.pos++;
      return flags.s ? "[^]" : "[^\\n]";
    }
    if (c === "[") return this.charClass(flags);
    if (c === "\\") {
      const next = this.peek(1);
      if (next === "Q") {
        this.pos += 2;
        let out = "";
        while (this.pos < this.chars.length && !(this.peek() === "\\" && this.peek(1) === "E")) {
          out += this.literal(this.chars[this.pos++]!.codePointAt(0)!, flags);
        }
        if (this.pos < this.chars.length) this.pos += 2;
        return out;
      }
      if (next === "A") {
        this.pos += 2;
        return "^";
      }
      if (next === "z") {
        this.pos += 2;
        return "$";
      }
      if (next === "b" || next === "B") {
        this.pos += 2;
        return `\\${next}`;
      }
      const cls = this.perlOrUnicodeClass();
      if (cls !== undefined) return cls.negated ? `[^${cls.body}]` : `[${cls.body}]`;
      return this.literal(this.escape(), flags);
    }
    this.pos++;
    return this.literal(c.codePointAt(0)!, flags);
  }

  private literal(cp: number, flags: Flags): string {
    if (!flags.i) return esc(cp);
    const orbit = foldOrbit(cp);
    return orbit.length === 1 ? esc(cp) : `[${orbit.map(esc).join("")}]`;
  }

  /** `\d`, `\pL`, `\P{Greek}` and friends at the cursor (consumed), as a class body. */
  private perlOrUnicodeClass(): { body: string; negated: boolean } | undefined {
    const next = this.peek(1);
    if (next === undefined) return undefined;
    const perl = PERL_CLASSES[next.toLowerCase()];
    if (perl && (next === next.toLowerCase() || next === next.toUpperCase())) {
      this.pos += 2;
      return { body: classBody(perl, false), negated: next !== next.toLowerCase() };
    }
    if (next !== "p" && next !== "P") return undefined;
    const start = this.pos;
    this.pos += 2;
    let name: string;
    if (this.peek() === "{") {
      const close = this.chars.indexOf("}", this.pos);
      if (close < 0) throw new GoRegexpSyntaxError("invalid character class range", this.chars.slice(start).join(""));
      name = this.chars.slice(this.pos + 1, close).join("");
      this.pos = close + 1;
    } else {
      const letter = this.peek();
      if (letter === undefined) throw new GoRegexpSyntaxError("invalid character class range", this.chars.slice(start).join(""));
      name = letter;
      this.pos++;
    }
    let negated = next === "P";
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    const source = this.chars.slice(start, this.pos).join("");
    if (name === "Any") return { body: "\\u{0}-\\u{10ffff}", negated };
    for (const candidate of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
      try {
        new RegExp(candidate, "u");
        return { body: candidate, negated };
      } catch {
        // not this kind of property: try the next
      }
    }
    throw new GoRegexpSyntaxError("invalid character class range", source);
  }

  /** The code point a backslash escape at the cursor stands for (consumed). */
  private escape(): number {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.peek();
    const bad = (): never => {
      throw new GoRegexpSyntaxError("invalid escape sequence", this.chars.slice(start, Math.min(this.pos + 1, this.chars.length)).join(""));
    };
    if (c === undefined) throw new GoRegexpSyntaxError("trailing backslash at end of expression", "");
    if (c >= "1" && c <= "7" && !(this.peek(1)! >= "0" && this.peek(1)! <= "7")) bad(); // a back-reference
    if (c >= "0" && c <= "7") {
      let digits = "";
      while (digits.length < 3 && this.peek() !== undefined && this.peek()! >= "0" && this.peek()! <= "7") digits += this.chars[this.pos++];
      return parseInt(digits, 8);
    }
    this.pos++;
    switch (c) {
      case "a":
        return 7;
      case "f":
        return 12;
      case "n":
        return 10;
      case "r":
        return 13;
      case "t":
        return 9;
      case "v":
        return 11;
      case "x": {
        if (this.peek() === "{") {
          const close = this.chars.indexOf("}", this.pos);
          const hex = close < 0 ? "" : this.chars.slice(this.pos + 1, close).join("");
          if (hex === "" || ![...hex].every(isHex) || parseInt(hex, 16) > 0x10ffff) {
            this.pos--;
            return bad();
          }
          this.pos = close + 1;
          return parseInt(hex, 16);
        }
        if (!isHex(this.peek()) || !isHex(this.peek(1))) {
          this.pos--;
          return bad();
        }
        const hex = this.chars[this.pos]! + this.chars[this.pos + 1]!;
        this.pos += 2;
        return parseInt(hex, 16);
      }
    }
    const cp = c.codePointAt(0)!;
    // Escaped ASCII punctuation stands for itself; anything else is an error in Go.
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    this.pos--;
    return bad();
  }

  /** A bracketed class at `[` (consumed). */
  private charClass(flags: Flags): string {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const ranges: Array<[number, number]> = [];
    const extra: string[] = []; // \p{...} bodies, which stay symbolic
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new GoRegexpSyntaxError("missing closing ]", this.chars.slice(start).join(""));
      if (c === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === "[" && this.peek(1) === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.rest());
        if (m && POSIX_CLASSES[m[2]!]) {
          this.pos += m[0].length;
          const set = POSIX_CLASSES[m[2]!]!;
          if (m[1]) ranges.push(...complement(set));
          else ranges.push(...set);
          continue;
        }
        if (m) throw new GoRegexpSyntaxError("invalid character class range", m[0]);
      }
      if (c === "\\") {
        const cls = this.perlOrUnicodeClass();
        if (cls !== undefined) {
          extra.push(cls.negated ? negatedBody(cls.body) : cls.body);
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.classChar();
      let hi = lo;
      if (this.peek() === "-" && this.peek(1) !== undefined && this.peek(1) !== "]") {
        this.pos++;
        hi = this.classChar();
        if (hi < lo) throw new GoRegexpSyntaxError("invalid character class range", this.chars.slice(rangeStart, this.pos).join(""));
      }
      ranges.push([lo, hi]);
    }
    // Negated pieces (`[\D]`, `[^\pL]` parts) are written as nested lookahead alternatives.
    const body = classBody(ranges, flags.i);
    const plain = extra.filter((e) => !e.startsWith("^"));
    const negatedParts = extra.filter((e) => e.startsWith("^")).map((e) => `[${e}]`);
    const positive = `[${body}${plain.join("")}]`;
    if (negatedParts.length === 0) return negated ? `[^${body}${plain.join("")}]` : positive;
    const any = [positive, ...negatedParts].filter((p) => p !== "[]").join("|");
    return negated ? `(?:(?!${any})[^])` : `(?:${any})`;
  }

  /** One character of a class (a literal or an escape), as a code point (consumed). */
  private classChar(): number {
    const c = this.peek()!;
    if (c === "\\") return this.escape();
    this.pos++;
    return c.codePointAt(0)!;
  }
}

function complement(set: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of [...set].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** A negated class body, marked so the class writer puts it in its own `[^…]`. */
function negatedBody(body: string): string {
  return `^${body}`;
}

const cache = new Map<string, RegExp | GoRegexpSyntaxError>();

/** `pattern` compiled as Go compiles it; throws GoRegexpSyntaxError where Go reports an error. */
export function goRegExp(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(new Parser(pattern).parse(), "u");
    } catch (e) {
      if (!(e instanceof GoRegexpSyntaxError)) throw e;
      compiled = e;
    }
    cache.set(pattern, compiled);
  }
  if (compiled instanceof GoRegexpSyntaxError) throw compiled;
  return compiled;
}
