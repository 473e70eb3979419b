// Printing exactly what `kubectl kustomize` (Kustomize v5.5.0) prints for a resource. Kustomize
// writes each resource as `yaml.JSONToYAML(json.Marshal(resource))` (sigs.k8s.io/yaml): Go's JSON
// encoding, re-read by go-yaml v2 and printed by its emitter (libyaml's rules, width 80, indent 2,
// sequences not indented under their key, keys in go-yaml v2 order). This is a direct printer of
// the same output, not an event emitter: the value model is always JSON-shaped and block-styled.

import { YamlError } from "./errors.js";
import { formatNumber } from "./go-numbers.js";
import { sortedKeys } from "./key-order.js";
import { Style, isBreak, isPrintable, needsComplexKey, selectStyle } from "./scalar-style.js";
import { setEntry, type YamlValue } from "./values.js";

const BEST_WIDTH = 80;

/**
 * Keys already known to print as they are (plain, printable ASCII). Manifests repeat a few
 * thousand keys millions of times; the set spares each its style analysis.
 */
const plainKeys = new Set<string>();
const MAX_PLAIN_KEYS = 50_000;
/** Likewise short values (names, images, kinds…) that print plain wherever they fit. */
const plainValues = new Set<string>();
const MAX_PLAIN_VALUES = 100_000;
const MAX_PLAIN_VALUE = 64;
const SPACES: string[] = [];
function sp(n: number): string {
  let s = SPACES[n];
  if (s === undefined) s = SPACES[n] = " ".repeat(n);
  return s;
}

/** Characters go-yaml v2's reader refuses in kustomize's JSON (it writes them unescaped). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const FORBIDDEN = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
const NEEDS_PREP = /[\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

/**
 * The string go-yaml v2 reads back from Go's JSON text of `s`. Go leaves U+0085 (NEL) unescaped
 * and YAML folds it like a line break in a double-quoted scalar; lone surrogates become U+FFFD.
 */
function throughJson(s: string): string {
  if (!NEEDS_PREP.test(s)) return s;
  if (/[\ud800-\udfff]/.test(s)) s = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  if (FORBIDDEN.test(s)) throw new YamlError("yaml: control characters are not allowed");
  if (s.includes("\u0085")) {
    // A document marker right after that break ends the scalar for go-yaml v2: kustomize fails.
    if (/\u0085(?:---|\.\.\.)[ \u0085]/.test(s)) throw new YamlError("yaml: found unexpected document indicator");
    s = s.replace(/ *\u0085[ \u0085]*/g, (m) => {
      let n = 0;
      for (let i = 0; i < m.length; i++) if (m.charCodeAt(i) === 0x85) n++;
      return n === 1 ? " " : "\n".repeat(n - 1);
    });
  }
  return s;
}

/**
 * `throughJson` for a map key. Go's JSON writes U+0085 raw, and in the JSON object go-yaml v2
 * re-reads a key holding that line break is a multi-line simple key: kustomize fails.
 */
function keyThroughJson(k: string): string {
  if (k.includes("\u0085")) throw new YamlError("yaml: line 1: did not find expected ',' or '}'");
  return throughJson(k);
}

/**
 * A value as kustomize's built-in plugins receive their configuration: sigs.k8s.io/yaml marshals
 * the Go struct (JSON, re-read by go-yaml v2) and the plugin unmarshals that text. Strings and
 * keys change as `throughJson` says (NEL folded into a space or line breaks, lone surrogates
 * U+FFFD); characters go-yaml v2 refuses throw a YamlError. Returns a copy.
 */
export function throughPluginConfig(v: YamlValue): YamlValue {
  if (typeof v === "string") return PRINTABLE_ASCII.test(v) ? v : throughJson(v);
  if (Array.isArray(v)) return v.map(throughPluginConfig);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, YamlValue> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = PRINTABLE_ASCII.test(k) ? k : keyThroughJson(k);
    setEntry(out, key, throughPluginConfig(x));
  }
  return out;
}

/**
 * Whether go-yaml v2 can read `k` back as a key of kustomize's JSON: a simple key, quotes and
 * Go's escapes included, spans at most 1024 characters (code points).
 */
function jsonKeyFits(k: string): boolean {
  let n = 2;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09) n += 2;
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) n += 6;
    else if (c < 0xdc00 || c > 0xdfff || i === 0 || (k.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
  }
  return n <= 1024;
}

function hex(c: number, w: number): string {
  return c.toString(16).toUpperCase().padStart(w, "0");
}

function escape(c: number): string {
  switch (c) {
    case 0x00: return "\\0";
    case 0x07: return "\\a";
    case 0x08: return "\\b";
    case 0x09: return "\\t";
    case 0x0a: return "\\n";
    case 0x0b: return "\\v";
    case 0x0c: return "\\f";
    case 0x0d: return "\\r";
    case 0x1b: return "\\e";
    case 0x22: return '\\"';
    case 0x5c: return "\\\\";
    case 0x85: return "\\N";
    case 0xa0: return "\\_";
    case 0x2028: return "\\L";
    case 0x2029: return "\\P";
  }
  if (c <= 0xff) return "\\x" + hex(c, 2);
  if (c <= 0xffff) return "\\u" + hex(c, 4);
  return "\\U" + hex(c, 8);
}

/**
 * Output goes into UTF-8 byte chunks of CHUNK bytes: far cheaper than millions of string
 * concatenations. For bytes, the chunks are kept and handed out as they are; for text, each full
 * chunk is decoded (Latin-1 when it holds only ASCII) and the buffer reused, so a multi-megabyte
 * print touches one chunk of fresh memory, not a copy of the whole output.
 */
const CHUNK = 1 << 16;
/** The float64 whose eight bytes are all 0x20 (a normal number: stored bit for bit). */
const EIGHT_SPACES = new Float64Array(new Uint8Array(8).fill(32).buffer)[0]!;
/**
 * Buffer's own encoders, called without `write`'s argument checks and encoding switch (the room
 * is checked before every write).
 */
type NativeWrites = Buffer & { utf8Write(s: string, at: number): number; latin1Write(s: string, at: number): number };
/** The text printers' chunk, kept between prints: printing many small resources allocates nothing. */
let spare: Buffer | undefined;

class Printer {
  /** Finished output: byte chunks (bytes printers) or their decoded text (text printers). */
  private readonly chunks: Uint8Array[] = [];
  private readonly texts: string[] = [];
  buf: Buffer;
  /** The same chunk, for writing eight spaces at a time. */
  view: DataView;
  pos = 0;
  /** Whether the current chunk holds non-ASCII (a string's bytes never straddle two chunks). */
  isWide = false;
  /** Characters (UTF-16 units; the printer never writes astral characters raw) so far. */
  len = 0;
  /** Value of `len` where the current line starts (for the column). */
  lineStart = 0;

  constructor(private readonly asText: boolean) {
    this.buf = (asText && spare) || Buffer.allocUnsafe(CHUNK);
    if (asText) spare = undefined;
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Finishes the current chunk and makes room for at least `min` more bytes. */
  private next(min: number): void {
    if (this.asText) {
      if (this.pos > 0) this.texts.push(this.buf.toString(this.isWide ? "utf8" : "latin1", 0, this.pos));
      this.pos = 0;
      this.isWide = false;
      if (min <= this.buf.length) return;
    } else if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, min));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = 0;
    this.isWide = false;
  }

  text(): string {
    this.next(0);
    if (this.buf.length === CHUNK) spare = this.buf;
    return this.texts.length === 1 ? this.texts[0]! : this.texts.join("");
  }

  /** The output as views of the printer's chunks: no copy, for writing out as they are. */
  byteChunks(): Uint8Array[] {
    this.next(0);
    return this.chunks;
  }

  w(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.next(n * 3);
    const buf = this.buf;
    let pos = this.pos;
    if (n < 48) {
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          pos += (buf as NativeWrites).utf8Write(i === 0 ? s : s.slice(i), pos);
          this.isWide = true;
          break;
        }
        buf[pos++] = c;
      }
    } else {
      const k = (buf as NativeWrites).utf8Write(s, pos);
      if (k !== n) this.isWide = true;
      pos += k;
    }
    this.pos = pos;
    this.len += n;
  }

  /** `w` for text known to be ASCII (checked by the caller). */
  wa(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.next(n);
    const buf = this.buf;
    let pos = this.pos;
    // A JS loop beats the native latin1Write call (and its argument checks) up to a few hundred
    // characters; most keys, values and indentation are far shorter.
    if (n < 256) for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    else pos += (buf as NativeWrites).latin1Write(s, pos);
    this.pos = pos;
    this.len += n;
  }

  /** `n` spaces: indentation is over half of a typical build's output (nested CRD schemas). */
  indent(n: number): void {
    if (this.pos + n > this.buf.length) this.next(n);
    let pos = this.pos;
    const end = pos + n;
    if (n >= 8) {
      // Eight bytes per store; the last store may overlap the previous one (all spaces anyway).
      const view = this.view;
      for (; pos < end - 8; pos += 8) view.setFloat64(pos, EIGHT_SPACES);
      view.setFloat64(end - 8, EIGHT_SPACES);
    } else {
      const buf = this.buf;
      for (; pos < end; pos++) buf[pos] = 32;
    }
    this.pos = end;
    this.len += n;
  }

  col(): number {
    return this.len - this.lineStart;
  }

  nl(): void {
    this.wa("\n");
    this.lineStart = this.len;
  }

  /** Writes a scalar string at the current position; `indent` is for continuation lines. */
  str(raw: string, indent: number, simpleKey: boolean): void {
    const short = raw.length <= MAX_PLAIN_VALUE;
    if (short && plainValues.has(raw) && this.col() + raw.length <= BEST_WIDTH) {
      this.wa(raw);
      return;
    }
    const ascii = PRINTABLE_ASCII.test(raw);
    const s = ascii ? raw : throughJson(raw);
    switch (selectStyle(s, simpleKey)) {
      case Style.Plain:
        if (ascii && short && plainValues.size < MAX_PLAIN_VALUES) plainValues.add(raw);
        if (simpleKey || this.col() + s.length <= BEST_WIDTH) {
          if (ascii) this.wa(s);
          else this.w(s);
        } else this.plain(s, indent);
        return;
      case Style.Single:
        this.single(s, indent, !simpleKey);
        return;
      case Style.Double:
        this.double(s, indent, !simpleKey);
        return;
      case Style.Literal:
        this.literal(s, indent);
        return;
    }
  }

  plain(s: string, indent: number): void {
    let col = this.col();
    let seg = 0;
    let spaces = false;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 32) {
        if (!spaces && col > BEST_WIDTH && s.charCodeAt(i + 1) !== 32) {
          this.w(s.slice(seg, i));
          this.nl();
          this.indent(indent);
          col = indent;
          seg = i + 1;
        } else col++;
        spaces = true;
      } else {
        col++;
        spaces = false;
      }
    }
    this.w(s.slice(seg));
  }

  single(s: string, indent: number, allowBreaks: boolean): void {
    if ((!allowBreaks || this.col() + s.length + 2 <= BEST_WIDTH) && !/['\u2028\u2029]/.test(s)) {
      this.w("'" + s + "'");
      return;
    }
    this.w("'");
    let col = this.col();
    let spaces = false;
    let breaks = false;
    const n = s.length;
    let buf = "";
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 32) {
        if (allowBreaks && !spaces && col > BEST_WIDTH && i > 0 && i < n - 1 && s.charCodeAt(i + 1) !== 32) {
          this.w(buf);
          buf = "";
          this.nl();
          this.indent(indent);
          col = indent;
        } else {
          buf += " ";
          col++;
        }
        spaces = true;
      } else if (c === 0x2028 || c === 0x2029) {
        buf += s[i];
        col = 0;
        breaks = true;
      } else {
        if (breaks) {
          buf += sp(indent);
          col = indent;
        }
        if (c === 39) {
          buf += "'";
          col++;
        }
        buf += s[i];
        col++;
        spaces = false;
        breaks = false;
      }
    }
    this.w(buf + "'");
  }

  double(s: string, indent: number, allowBreaks: boolean): void {
    const bomStart = s.charCodeAt(0) === 0xfeff;
    this.w('"');
    let col = this.col();
    let spaces = false;
    let buf = "";
    const n = s.length;
    for (let i = 0; i < n; ) {
      const c = s.codePointAt(i)!;
      const w = c > 0xffff ? 2 : 1;
      if (bomStart || !isPrintable(c) || isBreak(c) || c === 34 || c === 92) {
        const e = escape(c);
        buf += e;
        col += e.length;
        spaces = false;
      } else if (c === 32) {
        if (allowBreaks && !spaces && col > BEST_WIDTH && i > 0 && i < n - 1) {
          this.w(buf);
          buf = "";
          this.nl();
          this.indent(indent);
          col = indent;
          if (s.charCodeAt(i + 1) === 32) {
            this.w("\\");
            col++;
          }
        } else {
          buf += " ";
          col++;
        }
        spaces = true;
      } else {
        buf += w === 2 ? s.slice(i, i + 2) : s[i];
        col++;
        spaces = false;
      }
      i += w;
    }
    this.w(buf + '"');
  }

  literal(s: string, indent: number): void {
    let head = "|";
    const c0 = s.charCodeAt(0);
    if (c0 === 32 || isBreak(c0)) head += "2";
    const n = s.length;
    const last = s.charCodeAt(n - 1);
    if (!isBreak(last)) head += "-";
    else if (n === 1 || isBreak(s.charCodeAt(n - 2))) head += "+";
    this.w(head);
    this.nl();
    const pad = sp(indent);
    if (!/[\u2028\u2029]/.test(s)) {
      const lines = s.split("\n");
      // A trailing "\n" leaves an empty last piece: the block ends after that break.
      let body = "";
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line !== "") body += pad + line;
        if (i < lines.length - 1) body += "\n";
      }
      this.w(body);
      const lastLine = lines[lines.length - 1]!;
      this.lineStart = this.len - (lastLine === "" ? 0 : pad.length + lastLine.length);
      return;
    }
    let breaks = true;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029) {
        this.w(s[i]);
        this.lineStart = this.len;
        breaks = true;
      } else {
        if (breaks) this.w(pad);
        this.w(s[i]);
        breaks = false;
      }
    }
  }

  /** Ends the line of a scalar unless it already ended in a break (literal blocks). */
  endLine(): void {
    if (this.len !== this.lineStart) this.nl();
  }

  scalar(v: YamlValue, indent: number): void {
    if (typeof v === "string") this.str(v, indent, false);
    else this.w(scalarText(v));
    this.endLine();
  }

  /** A map's entries at `indent`; `inline`: the first one continues the current line. */
  map(m: Record<string, YamlValue>, indent: number, inline: boolean, keys = sortedKeys(m)): void {
    let first = true;
    // Indexed, not for-of: printing runs mostly before the JIT has optimised it, and the
    // interpreter's for-of allocates an iterator result per key.
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = m[k];
      if (v === undefined) continue;
      if (!(first && inline)) this.indent(indent);
      first = false;
      if (plainKeys.has(k)) {
        this.wa(k);
        this.wa(":");
        this.value(v, indent, false);
        continue;
      }
      // (Cached plain keys above passed this already.)
      if (k.length > 170 && !jsonKeyFits(k)) throw new YamlError("yaml: did not find expected ',' or '}'");
      if ((k.length > 128 || !PRINTABLE_ASCII.test(k)) && needsComplexKey(keyThroughJson(k))) {
        this.w("? ");
        this.str(k, indent + 2, false);
        this.endLine();
        this.wa(sp(indent) + ":");
        this.value(v, indent, true);
      } else {
        if (plainKeys.size < MAX_PLAIN_KEYS && PRINTABLE_ASCII.test(k) && selectStyle(k, true) === Style.Plain) plainKeys.add(k);
        this.str(k, indent, true);
        this.wa(":");
        this.value(v, indent, false);
      }
    }
    if (first) {
      // Every value was undefined: JSON drops them, leaving an empty map.
      this.w("{}");
      this.nl();
    }
  }

  /** The value after `key:` (or after `:` of a `? key`, where collections go on the same line). */
  value(v: YamlValue, indent: number, complex: boolean): void {
    if (v !== null && typeof v === "object") {
      if (Array.isArray(v)) {
        if (v.length === 0) {
          this.w(" []");
          this.nl();
        } else if (complex) {
          this.wa(" ");
          this.seq(v, indent + 2, true);
        } else {
          this.nl();
          this.seq(v, indent, false);
        }
      } else {
        const keys = sortedKeys(v);
        if (isEmpty(v, keys)) {
          this.w(" {}");
          this.nl();
        } else if (complex) {
          this.wa(" ");
          this.map(v, indent + 2, true, keys);
        } else {
          this.nl();
          this.map(v, indent + 2, false, keys);
        }
      }
      return;
    }
    this.wa(" ");
    this.scalar(v, indent + 2);
  }

  seq(a: YamlValue[], indent: number, inline: boolean): void {
    for (let i = 0; i < a.length; i++) {
      if (!(i === 0 && inline)) this.indent(indent);
      this.wa("- ");
      let v = a[i];
      if (v === undefined) v = null;
      if (v !== null && typeof v === "object") {
        if (Array.isArray(v)) {
          if (v.length === 0) {
            this.w("[]");
            this.nl();
          } else this.seq(v, indent + 2, true);
        } else {
          const keys = sortedKeys(v);
          if (isEmpty(v, keys)) {
            this.w("{}");
            this.nl();
          } else this.map(v, indent + 2, true, keys);
        }
      } else this.scalar(v, indent + 2);
    }
  }

  top(v: YamlValue): void {
    if (v !== null && typeof v === "object") {
      if (Array.isArray(v)) {
        if (v.length === 0) {
          this.w("[]");
          this.nl();
        } else this.seq(v, 0, false);
      } else {
        const keys = sortedKeys(v);
        if (isEmpty(v, keys)) {
          this.w("{}");
          this.nl();
        } else this.map(v, 0, false, keys);
      }
    } else this.scalar(v === undefined ? null : v, 0);
  }
}

function isEmpty(m: Record<string, YamlValue>, keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (m[keys[i]!] !== undefined) return false;
  return true;
}

function scalarText(v: YamlValue): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      throw new YamlError(`json: unsupported value: ${Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"}`);
    }
    return formatNumber(v);
  }
  if (typeof v === "bigint") return formatNumber(v);
  throw new YamlError(`json: unsupported type: ${typeof v}`);
}

/** One resource exactly as `kubectl kustomize` prints it (without the `---` separator). */
export function stringifyResource(v: YamlValue): string {
  const p = new Printer(true);
  p.top(v);
  return p.text();
}

function printAll(values: readonly YamlValue[], asText: boolean): Printer {
  const p = new Printer(asText);
  for (let i = 0; i < values.length; i++) {
    if (i > 0) {
      p.w("---");
      p.nl();
    }
    p.top(values[i]!);
  }
  return p;
}

/** The whole build output: resources separated by `---` lines, as `kubectl kustomize` prints it. */
export function stringifyAll(values: readonly YamlValue[]): string {
  return printAll(values, true).text();
}

/** `stringifyAll` as UTF-8 bytes, for writing straight to a file or stdout without decoding. */
export function stringifyAllBytes(values: readonly YamlValue[]): Uint8Array {
  return Buffer.concat(printAll(values, false).byteChunks());
}

/** `stringifyAllBytes` in consecutive pieces (no copy into one buffer); write them in order. */
export function stringifyAllChunks(values: readonly YamlValue[]): Uint8Array[] {
  return printAll(values, false).byteChunks();
}
