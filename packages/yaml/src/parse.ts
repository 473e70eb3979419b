// A hand-written YAML reader for the manifests kustomize reads. It builds JSON-shaped values
// directly (no node tree), which is several times faster than a general YAML library on the
// multi-megabyte inputs kustomize builds see. It follows libyaml's scanner (go-yaml v2/v3) for
// scalar folding, block scalars and errors; constructs it does not handle (`? ` explicit keys,
// collections as keys, %TAG handles) make it hand the document to the `yaml` library instead.

import { markBareNull } from "./bare-null.js";
import { isIntegralFloat, isTimestamp, markScalar } from "./scalar-tags.js";
import { YamlError } from "./errors.js";
import { setEntry, type YamlMap, type YamlValue } from "./values.js";

/** Raised for valid YAML this reader does not handle; the caller falls back to the library. */
export class Unsupported extends Error {}

/** How plain scalars and keys are typed: resources (kyaml, go-yaml v3) or kustomization files. */
export interface Typing {
  /** The value of an untagged plain scalar. */
  plain(text: string): YamlValue;
  /** The value of a scalar with an explicit tag (`!!int`, `!foo`, …). */
  tagged(tag: string, text: string, plain: boolean, p: ErrorSite): YamlValue;
  /** The string key for a plain key scalar; throws when kustomize could not use it. */
  plainKey(text: string, root: boolean, p: ErrorSite): string;
  /** The string key for a key scalar with an explicit tag (`value`: what `tagged` made of it). */
  taggedKey(tag: string, value: YamlValue, text: string, root: boolean, p: ErrorSite): string;
  /** Whether duplicate keys are an error (go-yaml v3 decode) or the last one wins. */
  rejectDuplicates: boolean;
  /** A flow mapping entry written without a value (`{a: }`, `{a}`): kyaml reads "" there. */
  emptyFlowValue: "" | null;
  /**
   * kyaml's merge-key rules (resources) instead of go-yaml's: a key tagged `!!merge` merges
   * whatever its text, a second merge key in a map is an error, and the first key whose text is
   * `<<` (quoted too) is dropped.
   */
  kyamlMerges: boolean;
  /** kyaml's stream cutting (resources): content after a `---` line start is refused. */
  kyamlStream: boolean;
}

export interface ErrorSite {
  fail(message: string): never;
}

const MAX_ALIAS_NODES = 1_000_000;
/** libyaml forgets a possible simple key more than this many characters before its ':'. */
const MAX_SIMPLE_KEY = 1024;

/** Characters (code points, as go-yaml counts them) of `s` from `from` to `to`. */
function runeCount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === from || (s.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
  }
  return n;
}
const KEY_SLOTS = 512;

/**
 * Whether `s` has line breaks other than "\n" (see Reader.normaliseBreaks). Single-character
 * searches, far cheaper than a regular expression on megabytes; LS and PS cannot even occur in
 * a one-byte string.
 */
function hasOtherBreaks(s: string): boolean {
  return s.includes("\r") || s.includes("\u0085") || s.includes("\u2028") || s.includes("\u2029");
}

function isWs(c: number): boolean {
  return c === 32 || c === 9;
}
/** Space, tab, line break or end of input (NaN from charCodeAt past the end). */
function isWsz(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c !== c;
}
/** ASCII characters that neither end a plain scalar's line nor are blanks: 1. */
const PLAIN_ORDINARY = new Uint8Array(128);
for (let c = 33; c < 127; c++) PLAIN_ORDINARY[c] = 1;
for (const c of [35, 44, 58, 63, 91, 93, 123, 125]) PLAIN_ORDINARY[c] = 0; // # , : ? [ ] { }

/** libyaml's anchor characters (IS_ALPHA): 1. */
const ANCHOR_CHAR = new Uint8Array(128);
/** What may follow an anchor or alias name besides a blank. */
const ANCHOR_END = [63, 58, 44, 93, 125, 37, 64, 96]; // ? : , ] } % @ `
/** libyaml's tag characters: IS_ALPHA and the URI characters it accepts: 1. */
const TAG_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
  if (alpha) ANCHOR_CHAR[c] = TAG_CHAR[c] = 1;
}
for (const ch of ";/?:@&=+$,.!~*'()[]%") TAG_CHAR[ch.charCodeAt(0)] = 1;

function isFlowInd(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/**
 * What ends a plain scalar in flow context besides ": " and " #": go-yaml's scanner stops at
 * flow indicators and at '?' (`[a?b]` is refused), while a ':' followed by a flow indicator
 * is content (`[x:]` is the string "x:").
 */
function endsFlowPlain(c: number): boolean {
  return c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125;
}

function copyValue(v: YamlValue, count: { n: number }): YamlValue {
  if (v === null || typeof v !== "object") return v;
  if (++count.n > MAX_ALIAS_NODES) throw new YamlError("yaml: document contains excessive aliasing");
  if (Array.isArray(v)) return v.map((x) => copyValue(x, count));
  const out: YamlMap = {};
  for (const k of Object.keys(v)) setEntry(out, k, copyValue(v[k]!, count));
  return out;
}

/** What a flow map's entries have seen so far: keys, merge values, kyaml's one `<<` removal. */
class FlowEntries {
  readonly seen = new Set<string>();
  merges: YamlValue[] | undefined;
  dropped = false;
}

export class Reader implements ErrorSite {
  private pos = 0;
  private readonly n: number;
  private anchors = new Map<string, YamlValue>();
  /** Anchors set on a node written without content: an alias to one is a bare null too. */
  private bareAnchors = new Set<string>();
  /** Set when the node just read was written with no content (only properties, or nothing). */
  private emptyNode = false;
  /** The scalar just read, for markScalar (see scalar-tags.ts); undefined after any other node. */
  private scalarText: string | undefined;
  private integralFloat = false;
  private timestamp = false;
  private aliasCount = { n: 0 };
  /** The document's root map while it is read (its keys are typed leniently). */
  private rootMap: YamlMap | undefined;
  /**
   * A line start whose indentation a plain scalar's look-ahead already skipped, and where its
   * content starts: nextContent resumes there instead of counting the same spaces again.
   */
  private peekedLine = -1;
  private peekedContent = -1;
  /** Where the blank lines after the last block plain scalar end: libyaml's scanner took them in. */
  private plainEatenTo = 0;
  /**
   * Plain keys read so far (by a hash of their text) and what they typed to: manifests repeat a
   * few keys endlessly, and a repeat then costs neither a new string nor the typing.
   */
  private readonly seenKeys: (string | undefined)[] = new Array(KEY_SLOTS);
  private readonly seenKeyValues: (string | undefined)[] = new Array(KEY_SLOTS);

  private readonly src: string;
  /** Where the source had LS or PS (now "\n"); undefined when it had none, as almost always. */
  private keptBreaks: Map<number, string> | undefined;

  constructor(
    src: string,
    private readonly typing: Typing,
    private readonly file?: string,
  ) {
    // A byte order mark starts the stream, not its first line (columns count from after it).
    if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
    this.src = hasOtherBreaks(src) ? this.normaliseBreaks(src) : src;
    this.n = this.src.length;
  }

  /**
   * libyaml reads "\r\n", a lone "\r", NEL, LS and PS as line breaks. NEL becomes "\n" wherever
   * it is kept as content, as "\r" does; LS and PS are kept as themselves, so they become "\n"
   * here with their places noted for the scalar readers (`brk`).
   */
  private normaliseBreaks(src: string): string {
    const s = src.replace(/\r\n?|\u0085/g, "\n");
    if (!/[\u2028\u2029]/.test(s)) return s;
    const kept = new Map<number, string>();
    for (const m of s.matchAll(/[\u2028\u2029]/g)) kept.set(m.index, m[0]);
    this.keptBreaks = kept;
    return s.replace(/[\u2028\u2029]/g, "\n");
  }

  /** The line break written at `at` (a "\n" of `src`) as a scalar keeps it. */
  private brk(at: number): string {
    return this.keptBreaks?.get(at) ?? "\n";
  }

  /**
   * What a run of line breaks inside a flow or plain scalar reads as, given where each is:
   * libyaml folds a first "\n" into a space (or drops it before more breaks) but keeps a first
   * LS/PS, and keeps every later break as written.
   */
  private foldBreaks(at: number[]): string {
    const lead = this.brk(at[0]!);
    let rest = "";
    for (let i = 1; i < at.length; i++) rest += this.brk(at[i]!);
    if (lead !== "\n") return lead + rest;
    return rest === "" ? " " : rest;
  }

  // ---- positions and errors ------------------------------------------------------------

  private lineAt(pos: number): number {
    let line = 1;
    for (let i = this.src.indexOf("\n"); i !== -1 && i < pos; i = this.src.indexOf("\n", i + 1)) line++;
    return line;
  }

  private colAt(pos: number): number {
    // Columns are short: a loop beats lastIndexOf's call into the runtime.
    const s = this.src;
    let i = pos - 1;
    while (i >= 0 && s.charCodeAt(i) !== 10) i--;
    return pos - i - 1;
  }

  fail(message: string, at = this.pos): never {
    const line = this.lineAt(Math.min(at, this.n));
    throw new YamlError(`yaml: line ${line}: ${message}`, this.file, line);
  }

  private c(at = this.pos): number {
    return at < this.n ? this.src.charCodeAt(at) : NaN;
  }

  /** Skips spaces and tabs on the current line. */
  private skipBlanks(): void {
    while (isWs(this.c())) this.pos++;
  }

  /** After blanks: true at a comment, line end or end of input (moves past a comment). */
  private atLineEnd(): boolean {
    this.skipBlanks();
    const c = this.c();
    if (c === 35 /* # */) {
      const e = this.src.indexOf("\n", this.pos);
      this.pos = e === -1 ? this.n : e;
      return true;
    }
    return c === 10 || c !== c;
  }

  private isDocMarker(at: number): boolean {
    const s = this.src;
    if (at + 3 > this.n) return false;
    const c = s.charCodeAt(at);
    if (c !== 45 && c !== 46) return false;
    if (s.charCodeAt(at + 1) !== c || s.charCodeAt(at + 2) !== c) return false;
    if (at !== 0 && s.charCodeAt(at - 1) !== 10) return false;
    return isWsz(s.charCodeAt(at + 3));
  }

  /**
   * Moves to the first content character of the next non-blank, non-comment line (or stays on
   * the current one) and returns its column; -1 at the end of input or a document marker.
   */
  private nextContent(): number {
    const s = this.src;
    const n = this.n;
    for (;;) {
      let p = this.pos;
      const lineStart = p === 0 || s.charCodeAt(p - 1) === 10;
      if (p === this.peekedLine) p = this.peekedContent;
      else while (p < n && s.charCodeAt(p) === 32) p++;
      let c = p < n ? s.charCodeAt(p) : NaN;
      if (c === 9) {
        let q = p;
        while (isWs(s.charCodeAt(q))) q++;
        const d = s.charCodeAt(q);
        if (d === 10 || d === 35 || d !== d) {
          // A tab starting a blank or comment line: libyaml's scanner skips only spaces there,
          // unless a plain scalar already took the line in (see plainEatenTo).
          if (lineStart && p >= this.plainEatenTo) this.fail("found character that cannot start any token", p);
          p = q;
          c = d;
        } else if (lineStart) {
          this.fail("found character that cannot start any token", p);
        } else {
          p = q;
          c = d;
        }
      }
      if (c === 35) {
        const e = s.indexOf("\n", p);
        p = e === -1 ? this.n : e;
        c = s.charCodeAt(p);
      }
      if (c === 10) {
        this.pos = p + 1;
        continue;
      }
      const from = this.pos;
      this.pos = p;
      if (c !== c) return -1;
      if (this.isDocMarker(p)) return -1;
      // From a line start only spaces were skipped: the column is their number.
      return lineStart ? p - from : this.colAt(p);
    }
  }

  // ---- documents -----------------------------------------------------------------------

  /** Every document's value (null for empty ones); with `firstOnly`, the first one's alone. */
  documents(firstOnly = false): YamlValue[] {
    const out: YamlValue[] = [];
    const s = this.src;
    for (;;) {
      // Directives and the document start marker.
      let explicit = false;
      let directives = false;
      let version = false;
      for (;;) {
        const col = this.nextContent();
        if (col === 0 && s.charCodeAt(this.pos) === 37 /* % */) {
          const line = s.slice(this.pos, s.indexOf("\n", this.pos) >>> 0);
          directives = true;
          if (/^%YAML\s/.test(line)) {
            if (version) this.fail("found duplicate %YAML directive");
            version = true;
            // go-yaml accepts YAML 1.1 only.
            if (!/^%YAML[ \t]+1\.1(?:[ \t]|$)/.test(line)) throw new YamlError("yaml: found incompatible YAML document", this.file);
          } else if (/^%TAG\s/.test(line)) throw new Unsupported("directive");
          else this.fail("found unknown directive name");
          this.pos += line.length;
          continue;
        }
        break;
      }
      // Directives need an explicit document start.
      if (directives && !(this.isDocMarker(this.pos) && s.charCodeAt(this.pos) === 45)) {
        this.fail("did not find expected <document start>");
      }
      if (this.pos >= this.n) break;
      this.anchors = new Map();
      this.bareAnchors.clear();
      this.rootMap = undefined;
      if (this.isDocMarker(this.pos) && s.charCodeAt(this.pos) === 45) {
        explicit = true;
        this.pos += 3;
      } else if (this.isDocMarker(this.pos)) {
        // "..." document end with nothing open: skipped, but libyaml wants a document before
        // the first one of the stream.
        if (out.length === 0) this.fail("did not find expected node content");
        this.pos += 3;
        if (!this.atLineEnd()) this.fail("did not find expected <document start>");
        continue;
      }
      let value: YamlValue = null;
      const markerAt = this.pos - 3;
      if (explicit && !this.atLineEnd()) {
        // kyaml cuts the stream at a `---` line (not the first) and refuses content after it.
        if (this.typing.kyamlStream && markerAt > 0 && s.indexOf("\n", this.pos) !== -1) {
          const line = s.slice(markerAt, s.indexOf("\n", this.pos)).trim();
          throw new YamlError(`invalid document separator: ${line}`, this.file);
        }
        value = this.node(-1, "doc-inline");
      } else {
        const col = this.nextContent();
        if (col >= 0) value = this.node(-1, "doc");
      }
      out.push(value);
      // What may follow a document: its end marker, the next document, or nothing.
      const col = this.nextContent();
      if (col >= 0) this.fail("did not find expected <document start>");
      if (this.pos < this.n && s.charCodeAt(this.pos) === 46) {
        this.pos += 3;
        if (!this.atLineEnd()) this.fail("did not find expected <document start>");
      }
      if (firstOnly) break;
    }
    return out;
  }

  // ---- block nodes ---------------------------------------------------------------------

  /**
   * The node starting at the current content character. `parent` is the indentation of the
   * enclosing block collection (-1 at the root). `ctx` says where the node started: on its own
   * line ("doc"/"block"), right after `key: ` ("value"), after `- ` ("item") or after `--- `.
   */
  private node(parent: number, ctx: "doc" | "doc-inline" | "block" | "value" | "item"): YamlValue {
    // Only a scalar read below sets these again (block scalars, aliases and empty nodes do not).
    this.scalarText = undefined;
    let anchor: string | undefined;
    let tag: string | undefined;
    // A map whose first key has properties starts where they do (libyaml keys it there).
    const propsStart = this.pos;
    // Node properties: anchor and tag, in either order.
    for (;;) {
      const c = this.c();
      if (c === 38 /* & */ && anchor === undefined) {
        anchor = this.anchorName();
      } else if (c === 33 /* ! */ && tag === undefined) {
        tag = this.tagName(false);
      } else break;
      this.skipBlanks();
    }
    // The column matters only where a block collection starts here; found on demand, since
    // most nodes are scalars after `key: `.
    const start = this.pos;
    if (anchor !== undefined || tag !== undefined) {
      if (this.atLineEnd()) {
        // Properties alone on their line: the node is on the following lines.
        const next = this.nextContent();
        let v: YamlValue = null;
        let empty = false;
        if (next > parent || (next === parent && ctx === "value" && this.isSeqEntry())) {
          v = this.node(parent, "block");
        } else {
          if (tag !== undefined) v = this.typing.tagged(tag, "", true, this);
          this.emptyNode = true;
          empty = true;
        }
        if (tag !== undefined && v !== null && typeof v === "object") this.checkCollectionTag(tag, v);
        if (anchor !== undefined) this.setAnchor(anchor, v, empty && v === null);
        return v;
      }
      // `&a key: value` — the properties belong to the first key, not the map. (After `key: `
      // a map cannot start; the scalar reader then stops at the ':' and that is reported.)
      if (ctx !== "value" && this.looksLikeKey()) return this.blockMap(this.colAt(propsStart), parent, { anchor, tag });
    }
    const c = this.c();
    let v: YamlValue;
    if (c === 42 /* * */) {
      if (ctx !== "value" && this.looksLikeKey()) return this.blockMap(this.colAt(start), parent);
      v = this.alias();
      if (!this.atLineEnd()) {
        if (this.c() === 58) this.fail("mapping values are not allowed in this context");
        this.fail("did not find expected key");
      }
    } else if (c === 45 /* - */ && isWsz(this.c(this.pos + 1))) {
      if (ctx === "value") this.fail("block sequence entries are not allowed in this context");
      v = this.blockSeq(this.colAt(start));
    } else if (c === 124 /* | */ || c === 62 /* > */) {
      v = this.blockScalar(parent, tag);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      v = this.flowCollection();
      this.skipBlanks();
      if (this.c() === 58 && isWsz(this.c(this.pos + 1))) throw new Unsupported("collection key");
      if (!this.atLineEnd()) this.fail("did not find expected <document start>");
      if (tag !== undefined) this.checkCollectionTag(tag, v);
    } else if (c === 63 /* ? */ && isWsz(this.c(this.pos + 1))) {
      throw new Unsupported("explicit key");
    } else if (ctx !== "value" && this.looksLikeKey()) {
      if (tag !== undefined) throw new Unsupported("tagged map");
      v = this.blockMap(this.colAt(start), parent);
    } else {
      const plain = c !== 34 && c !== 39;
      const text = plain ? this.plainScalar(parent, false) : this.quoted();
      v = tag !== undefined ? this.typing.tagged(tag, text, plain, this) : plain ? this.typing.plain(text) : text;
      this.noteScalar(v, text, tag, plain);
      if (!this.atLineEnd()) {
        if (this.c() === 58) this.fail("mapping values are not allowed in this context");
        this.fail(plain ? "could not find expected ':'" : "did not find expected key");
      }
    }
    if (anchor !== undefined) this.setAnchor(anchor, v, false);
    return v;
  }

  private checkCollectionTag(tag: string, v: YamlValue): void {
    if (tag === "!!str" || tag === "!!int" || tag === "!!bool" || tag === "!!float" || tag === "!!null") {
      this.fail(`cannot decode ${Array.isArray(v) ? "!!seq" : "!!map"} as a ${tag}`);
    }
  }

  private isSeqEntry(): boolean {
    return this.c() === 45 && isWsz(this.c(this.pos + 1));
  }

  /** Whether the current line, from here, is `key:` (plain, quoted or alias key). */
  private looksLikeKey(): boolean {
    const s = this.src;
    const c = this.c();
    let p = this.pos;
    if (c === 34 || c === 39) {
      // A quoted key must close on this line.
      p++;
      for (;;) {
        const d = s.charCodeAt(p);
        if (d !== d || d === 10) return false;
        if (c === 39 && d === 39) {
          if (s.charCodeAt(p + 1) === 39) {
            p += 2;
            continue;
          }
          break;
        }
        if (c === 34 && d === 92) {
          p += 2;
          continue;
        }
        if (c === 34 && d === 34) break;
        p++;
      }
      p++;
      while (isWs(s.charCodeAt(p))) p++;
      return s.charCodeAt(p) === 58 && isWsz(s.charCodeAt(p + 1));
    }
    if (c === 42) {
      while (!isWsz(s.charCodeAt(p)) && !isFlowInd(s.charCodeAt(p))) p++;
      while (isWs(s.charCodeAt(p))) p++;
      return s.charCodeAt(p) === 58 && isWsz(s.charCodeAt(p + 1));
    }
    if (!this.canStartPlain(p, false)) return false;
    const e = s.indexOf("\n", p);
    const end = e === -1 ? this.n : e;
    for (let q = p + 1; q < end; q++) {
      const d = s.charCodeAt(q);
      // (At q + 1 === end a line break or the end of input follows: a blank either way.)
      if (d === 58 && (q + 1 === end || isWsz(s.charCodeAt(q + 1)))) return true;
      if (d === 35 && isWs(s.charCodeAt(q - 1))) return false;
    }
    return false;
  }

  private canStartPlain(p: number, flow: boolean): boolean {
    const c = this.src.charCodeAt(p);
    switch (c) {
      case 44: case 91: case 93: case 123: case 125: case 35: case 38: case 42: case 33:
      case 124: case 62: case 39: case 34: case 37: case 64: case 96:
        return false;
      case 45:
        // libyaml: '-' starts a plain scalar unless a blank follows, in flow context too (`[-]`).
        return !isWsz(this.src.charCodeAt(p + 1));
      case 63: case 58:
        // In flow context both are always indicators.
        return !flow && !isWsz(this.src.charCodeAt(p + 1));
    }
    return !isWsz(c);
  }

  /** An anchor or alias name: libyaml allows only [0-9A-Za-z_-], ended by a blank or an indicator. */
  private anchorName(): string {
    const s = this.src;
    const start = ++this.pos;
    while (ANCHOR_CHAR[s.charCodeAt(this.pos)] === 1) this.pos++;
    const end = s.charCodeAt(this.pos);
    if (this.pos === start || !(isWsz(end) || ANCHOR_END.includes(end))) {
      this.fail("did not find expected alphabetic or numeric character");
    }
    return s.slice(start, this.pos);
  }

  /** A tag: libyaml reads URI characters (`,` `[` `]` too) and then wants a blank (or `,` in flow). */
  private tagName(flow: boolean): string {
    const s = this.src;
    const start = this.pos;
    let t: string;
    if (s.charCodeAt(start + 1) === 60 /* < */) {
      const e = s.indexOf(">", start);
      if (e === -1) this.fail("did not find the expected '>'");
      this.pos = e + 1;
      const uri = s.slice(start + 2, e);
      t = uri.startsWith("tag:yaml.org,2002:") ? "!!" + uri.slice(18) : uri;
    } else {
      this.pos++;
      while (TAG_CHAR[s.charCodeAt(this.pos)] === 1) this.pos++;
      t = s.slice(start, this.pos);
    }
    const end = s.charCodeAt(this.pos);
    if (!isWsz(end) && !(flow && end === 44)) this.fail("did not find expected whitespace or line break");
    const second = t.indexOf("!", 1);
    if (second > 1 && !t.startsWith("!!")) throw new Unsupported("tag handle");
    return t;
  }

  private alias(): YamlValue {
    const name = this.anchorName();
    if (!this.anchors.has(name)) this.fail(`unknown anchor '${name}' referenced`);
    this.emptyNode = this.bareAnchors.has(name);
    return copyValue(this.anchors.get(name)!, this.aliasCount);
  }

  private setAnchor(name: string, v: YamlValue, bare: boolean): void {
    this.anchors.set(name, v);
    if (bare) this.bareAnchors.add(name);
    else this.bareAnchors.delete(name);
  }

  // ---- block collections ---------------------------------------------------------------

  private blockSeq(col: number): YamlValue[] {
    const arr: YamlValue[] = [];
    for (;;) {
      // At '-' in column `col`.
      this.pos++;
      // After '-' libyaml's scanner skips spaces but not tabs.
      let b = this.pos;
      while (this.c(b) === 32) b++;
      if (this.c(b) === 9) this.fail("found character that cannot start any token", b);
      let item: YamlValue = null;
      if (this.atLineEnd()) {
        const next = this.nextContent();
        if (next > col) item = this.node(col, "block");
      } else {
        item = this.node(col, "item");
      }
      arr.push(item);
      this.markScalar(arr, arr.length - 1);
      const next = this.nextContent();
      if (next < col) return arr;
      if (next > col) this.fail("did not find expected '-' indicator");
      if (!this.isSeqEntry()) return arr;
    }
  }

  private blockMap(col: number, parent: number, keyProps?: { anchor?: string; tag?: string }): YamlMap {
    const m: YamlMap = {};
    const root = this.rootMap === undefined && parent === -1;
    if (root) this.rootMap = m;
    let merges: YamlValue[] | undefined;
    /** Whether kyaml's one `<<` key removal has happened in this map. */
    let dropped = false;
    for (;;) {
      const keyLine = this.pos;
      let key: string;
      let isMerge = false;
      /** The key's scalar text (undefined for an alias key): kyaml drops the first `<<`. */
      let keyText: string | undefined;
      let props = keyProps;
      keyProps = undefined;
      if (props === undefined && (this.c() === 38 || this.c() === 33)) {
        props = {};
        for (;;) {
          const c = this.c();
          if (c === 38 && props.anchor === undefined) props.anchor = this.anchorName();
          else if (c === 33 && props.tag === undefined) props.tag = this.tagName(false);
          else break;
          this.skipBlanks();
        }
      }
      const c = this.c();
      if (c === 42) {
        const v = this.alias();
        if (v !== null && typeof v === "object") this.fail("invalid map key");
        key = v === null ? this.typing.plainKey("null", root, this) : String(v);
      } else if (c === 34 || c === 39) {
        key = keyText = this.quoted();
        if (props?.tag === "!!merge") isMerge = true;
        else if (props?.tag !== undefined) key = this.typing.taggedKey(props.tag, this.typing.tagged(props.tag, key, false, this), key, root, this);
      } else if (c === 63 && isWsz(this.c(this.pos + 1))) {
        throw new Unsupported("explicit key");
      } else if (c === 91 || c === 123) {
        throw new Unsupported("collection key");
      } else if (this.canStartPlain(this.pos, false)) {
        const start = this.pos;
        const s = this.src;
        let p = start;
        let hash = 0;
        for (;;) {
          const d = s.charCodeAt(p);
          if (d === 10 || d !== d) {
            this.pos = p;
            this.fail("could not find expected ':'", keyLine);
          }
          if (d === 58 && isWsz(s.charCodeAt(p + 1))) break;
          if (d === 35 && isWs(s.charCodeAt(p - 1))) {
            this.fail("could not find expected ':'", keyLine);
          }
          hash = (Math.imul(hash, 31) + d) | 0;
          p++;
        }
        let e = p;
        while (isWs(s.charCodeAt(e - 1))) e--;
        this.pos = p;
        const slot = hash & (KEY_SLOTS - 1);
        const seen = props === undefined && !root && e === p ? this.seenKeys[slot] : undefined;
        if (seen !== undefined && seen.length === e - start && s.startsWith(seen, start)) {
          key = this.seenKeyValues[slot]!;
        } else {
          const text = (keyText = s.slice(start, e));
          if (text === "<<" && (props?.tag === undefined || props.tag === "!")) {
            isMerge = true;
            key = text;
          } else if (props?.tag !== undefined) {
            const v = this.typing.tagged(props.tag, text, true, this);
            if (props.tag === "!!merge") {
              isMerge = text === "<<" || this.typing.kyamlMerges;
              key = typeof v === "string" ? v : this.typing.plainKey(text, root, this);
            } else key = this.typing.taggedKey(props.tag, v, text, root, this);
          } else {
            key = this.typing.plainKey(text, root, this);
            if (!root && e === p) {
              this.seenKeys[slot] = text;
              this.seenKeyValues[slot] = key;
            }
          }
        }
      } else {
        this.fail("did not find expected key");
      }
      if (props?.anchor !== undefined) this.anchors.set(props.anchor, key);
      // The ':' indicator.
      this.skipBlanks();
      if (this.c() !== 58 || !isWsz(this.c(this.pos + 1))) this.fail("could not find expected ':'", keyLine);
      if (this.pos - keyLine > MAX_SIMPLE_KEY && runeCount(this.src, keyLine, this.pos) > MAX_SIMPLE_KEY) {
        this.fail("mapping values are not allowed in this context");
      }
      this.pos++;
      // The value.
      let v: YamlValue = null;
      this.emptyNode = false;
      let aliasValue = false;
      if (this.atLineEnd()) {
        const next = this.nextContent();
        aliasValue = this.c() === 42;
        if (next > col) v = this.node(col, "block");
        else if (next === col && this.isSeqEntry()) v = this.blockSeq(col);
        else this.emptyNode = true;
      } else {
        aliasValue = this.c() === 42;
        v = this.node(col, "value");
      }
      const bare = v === null && this.emptyNode;
      let setIt = !isMerge;
      if (this.typing.kyamlMerges && (isMerge || keyText === "<<")) {
        if (isMerge && merges !== undefined) this.fail("duplicate merge key", keyLine);
        if (isMerge && aliasValue) this.checkMergeAlias(v, keyLine);
        setIt = this.keepKyamlKey(keyText, isMerge, dropped);
        if (keyText === "<<") dropped = true;
      }
      if (isMerge) (merges ??= []).push(v);
      if (setIt) {
        // (A value is never undefined: a plain lookup answers for every key but "__proto__".)
        if (this.typing.rejectDuplicates && (key === "__proto__" ? Object.prototype.hasOwnProperty.call(m, key) : m[key] !== undefined)) {
          const line = this.lineAt(keyLine);
          throw new YamlError(
            `yaml: unmarshal errors:\n  line ${line}: mapping key ${JSON.stringify(key)} already defined`,
            this.file,
            line,
          );
        }
        setEntry(m, key, v);
        if (bare) markBareNull(m, key);
        this.markScalar(m, key);
      }
      const next = this.nextContent();
      if (next < col) break;
      if (next > col) this.fail("did not find expected key");
      if (this.isSeqEntry()) this.fail("did not find expected key");
    }
    if (merges !== undefined) this.applyMerges(m, merges);
    return m;
  }

  /**
   * Whether a resource map keeps a key that kyaml's merge handling looks at. kyaml removes the
   * first key whose text is `<<` (merge key or quoted string alike) after taking the merge
   * value; a later quoted `'<<'` stays a plain key, and so does a `!!merge`-tagged other text.
   */
  private keepKyamlKey(keyText: string | undefined, isMerge: boolean, dropped: boolean): boolean {
    if (keyText === "<<") return !isMerge && dropped;
    return true;
  }

  private simpleKeyFits(from: number): boolean {
    const s = this.src;
    const nl = s.indexOf("\n", from);
    if (nl !== -1 && nl < this.pos) return false;
    return this.pos - from <= MAX_SIMPLE_KEY || runeCount(s, from, this.pos) <= MAX_SIMPLE_KEY;
  }

  /** kyaml merges an alias only to a map (a sequence of maps is fine written out, not aliased). */
  private checkMergeAlias(v: YamlValue, at: number): void {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail("invalid map merge: received alias for a non-map value", at);
  }

  /** `<<` merge keys: earlier sources win over later ones, explicit keys over all. */
  private applyMerges(m: YamlMap, merges: YamlValue[]): void {
    const explicit = new Set(Object.keys(m));
    const sources: YamlMap[] = [];
    for (const v of merges) {
      if (Array.isArray(v)) {
        for (const x of v) {
          if (x === null || typeof x !== "object" || Array.isArray(x)) this.fail("map merge requires map or sequence of maps as the value");
          sources.push(x);
        }
      } else if (v !== null && typeof v === "object") sources.push(v);
      else this.fail("map merge requires map or sequence of maps as the value");
    }
    const merged: YamlMap = {};
    for (let i = sources.length - 1; i >= 0; i--) {
      const src = sources[i]!;
      for (const k of Object.keys(src)) setEntry(merged, k, src[k]!);
    }
    for (const k of Object.keys(merged)) if (!explicit.has(k)) setEntry(m, k, merged[k]!);
  }

  // ---- scalars -------------------------------------------------------------------------

  /**
   * A plain scalar from here; continuation lines must be indented past `parent` (block) or
   * may be anywhere (flow). Lines fold like YAML says: one break → space, n breaks → n-1 "\n".
   */
  private plainScalar(parent: number, flow: boolean): string {
    const s = this.src;
    const n = this.n;
    // '@' and '`' are reserved indicators and '%' starts directives: libyaml's scanner refuses a
    // token starting with any of them (also after `key: ` and `- `).
    const c0 = s.charCodeAt(this.pos);
    if (c0 === 64 || c0 === 96 || c0 === 37) this.fail("found character that cannot start any token");
    let text = "";
    let p = this.pos;
    for (let first = true; ; first = false) {
      // One line of the scalar, from p.
      const start = p;
      let end = p;
      for (;;) {
        const d = s.charCodeAt(p);
        // Most characters end nothing: skip them without the checks below.
        if (d < 128 && PLAIN_ORDINARY[d] === 1) {
          p++;
          end = p;
          continue;
        }
        if (d !== d || d === 10) break;
        if (d === 58 && isWsz(s.charCodeAt(p + 1))) break;
        if (flow && endsFlowPlain(d)) break;
        if (d === 35 && p > start && isWs(s.charCodeAt(p - 1))) break;
        if (d === 35 && p === start && !first) break;
        p++;
        if (!isWs(d)) end = p;
      }
      if (first) text = s.slice(start, end);
      this.pos = end;
      const d = s.charCodeAt(p);
      if (d !== 10) break; // ':' , '#', flow indicator or end
      // Look for a continuation line.
      let q = p;
      let breaks = 0;
      let cont = -1;
      const breakAt = this.keptBreaks === undefined ? undefined : [p];
      for (;;) {
        q++; // past "\n"
        breaks++;
        let r = q;
        while (r < n && s.charCodeAt(r) === 32) r++;
        const col = r - q;
        // libyaml refuses a tab among the blanks it skips before the scalar's indentation.
        if (!flow && col <= parent && r < n && s.charCodeAt(r) === 9) this.fail("found a tab character that violates indentation", r);
        this.peekedLine = q;
        this.peekedContent = r;
        while (r < n && isWs(s.charCodeAt(r))) r++;
        if (!flow) this.plainEatenTo = r;
        const e = r < n ? s.charCodeAt(r) : NaN;
        if (e === 10) {
          q = r;
          breakAt?.push(r);
          continue;
        }
        if (e !== e || e === 35) break;
        if (!flow && col <= parent) break;
        if (col === 0 && this.isDocMarker(q)) break;
        if (flow && endsFlowPlain(e)) break;
        if (e === 58 && isWsz(s.charCodeAt(r + 1))) break;
        cont = r;
        break;
      }
      if (cont === -1) break;
      // Fold and read the continuation line.
      const lineStart = cont;
      let lineEnd = cont;
      let r = cont;
      for (;;) {
        const e = s.charCodeAt(r);
        if (e !== e || e === 10) break;
        if (e === 58 && isWsz(s.charCodeAt(r + 1))) break;
        if (flow && endsFlowPlain(e)) break;
        if (e === 35 && isWs(s.charCodeAt(r - 1))) break;
        r++;
        if (!isWs(e)) lineEnd = r;
      }
      const folded = breakAt !== undefined ? this.foldBreaks(breakAt) : breaks === 1 ? " " : "\n".repeat(breaks - 1);
      text += folded + s.slice(lineStart, lineEnd);
      this.pos = lineEnd;
      p = r;
      if (s.charCodeAt(r) !== 10) {
        this.pos = lineEnd;
        break;
      }
    }
    return text;
  }

  /** A single- or double-quoted scalar (may span lines). */
  private quoted(): string {
    const s = this.src;
    const q = s.charCodeAt(this.pos);
    const double = q === 34;
    let p = this.pos + 1;
    let out = "";
    let seg = p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c !== c) this.fail("found unexpected end of stream", this.pos);
      if (!double && c === 39) {
        if (s.charCodeAt(p + 1) === 39) {
          out += s.slice(seg, p + 1);
          p += 2;
          seg = p;
          continue;
        }
        out += s.slice(seg, p);
        p++;
        break;
      }
      if (double && c === 34) {
        out += s.slice(seg, p);
        p++;
        break;
      }
      if (double && c === 92) {
        out += s.slice(seg, p);
        const e = s.charCodeAt(p + 1);
        if (e === 10) {
          // Escaped line break: join without a space, dropping the next line's indentation.
          p += 2;
          while (isWs(s.charCodeAt(p))) p++;
          let r = p;
          while (s.charCodeAt(r) === 10) {
            out += this.brk(r);
            r++;
            while (isWs(s.charCodeAt(r))) r++;
          }
          p = r;
          seg = p;
          continue;
        }
        const [str, len] = this.escape(p);
        out += str;
        p += len;
        seg = p;
        continue;
      }
      if (c === 10 || ((c === 32 || c === 9) && this.blankToBreak(p))) {
        // Fold: trailing blanks dropped, one break → space, n breaks → n-1 newlines.
        let e = p;
        while (isWs(s.charCodeAt(e - 1)) && e > seg) e--;
        out += s.slice(seg, e);
        let r = p;
        while (isWs(s.charCodeAt(r))) r++;
        let breaks = 0;
        const breakAt: number[] | undefined = this.keptBreaks === undefined ? undefined : [];
        while (s.charCodeAt(r) === 10) {
          breaks++;
          breakAt?.push(r);
          r++;
          if (this.isDocMarker(r)) this.fail("found unexpected document indicator", r);
          while (isWs(s.charCodeAt(r))) r++;
        }
        if (s.charCodeAt(r) !== s.charCodeAt(r)) this.fail("found unexpected end of stream", this.pos);
        out += breakAt !== undefined ? this.foldBreaks(breakAt) : breaks === 1 ? " " : "\n".repeat(breaks - 1);
        p = r;
        seg = p;
        continue;
      }
      p++;
    }
    this.pos = p;
    return out;
  }

  /** Whether blanks at `p` run to a line break (trailing whitespace of a quoted line). */
  private blankToBreak(p: number): boolean {
    const s = this.src;
    while (isWs(s.charCodeAt(p))) p++;
    return s.charCodeAt(p) === 10;
  }

  private escape(p: number): [string, number] {
    const s = this.src;
    const e = s[p + 1];
    switch (e) {
      case "0": return ["\0", 2];
      case "a": return ["\x07", 2];
      case "b": return ["\b", 2];
      case "t": case "\t": return ["\t", 2];
      case "n": return ["\n", 2];
      case "v": return ["\v", 2];
      case "f": return ["\f", 2];
      case "r": return ["\r", 2];
      case "e": return ["\x1b", 2];
      case " ": return [" ", 2];
      case '"': return ['"', 2];
      case "'": return ["'", 2];
      case "\\": return ["\\", 2];
      case "N": return ["\u0085", 2];
      case "_": return ["\u00a0", 2];
      case "L": return ["\u2028", 2];
      case "P": return ["\u2029", 2];
      case "x": case "u": case "U": {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = s.slice(p + 2, p + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
          this.fail("did not find expected hexdecimal number", p);
        }
        const cp = parseInt(hex, 16);
        if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) this.fail("found invalid Unicode character escape code", p);
        return [String.fromCodePoint(cp), 2 + len];
      }
    }
    this.fail("found unknown escape character", p);
  }

  /** A literal (|) or folded (>) block scalar, as libyaml's scanner reads it. */
  private blockScalar(parent: number, tag: string | undefined): YamlValue {
    const s = this.src;
    const n = this.n;
    const folded = s.charCodeAt(this.pos) === 62;
    this.pos++;
    let chomp = 0;
    let increment = 0;
    for (let i = 0; i < 2; i++) {
      const c = this.c();
      if ((c === 43 || c === 45) && chomp === 0) {
        chomp = c === 43 ? 1 : -1;
        this.pos++;
      } else if (c >= 49 && c <= 57 && increment === 0) {
        increment = c - 48;
        this.pos++;
      } else if (c === 48) {
        this.fail("found an indentation indicator equal to 0");
      }
    }
    if (!isWsz(this.c())) this.fail("did not find expected comment or line break");
    if (!this.atLineEnd()) this.fail("did not find expected comment or line break");
    let p = this.pos;
    if (s.charCodeAt(p) === 10) p++;
    let indent = increment > 0 ? (parent >= 0 ? parent + increment : increment) : 0;
    let text = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    // Leading empty lines and the indentation (libyaml's scan_block_scalar_breaks).
    const breaksAt = (): void => {
      let maxIndent = 0;
      for (;;) {
        let col = 0;
        while ((indent === 0 || col < indent) && p < n && s.charCodeAt(p) === 32) {
          p++;
          col++;
        }
        if (col > maxIndent) maxIndent = col;
        if (p >= n) break;
        if ((indent === 0 || col < indent) && s.charCodeAt(p) === 9) {
          this.fail("found a tab character where an indentation space is expected", p);
        }
        if (s.charCodeAt(p) !== 10) break;
        trailingBreaks += this.brk(p);
        p++;
      }
      if (indent === 0) {
        indent = Math.max(maxIndent, parent + 1, 1);
      }
    };
    breaksAt();
    let leadingBlank = false;
    for (;;) {
      const lineStart = s.lastIndexOf("\n", p - 1) + 1;
      const col = p - lineStart;
      const c = p < n ? s.charCodeAt(p) : NaN;
      if (col !== indent || c !== c) break;
      if (col === 0 && this.isDocMarker(p)) break;
      const trailingBlank = isWs(c);
      if (folded && leadingBreak === "\n" && !leadingBlank && !trailingBlank) {
        if (trailingBreaks === "") text += " ";
        leadingBreak = "";
      } else {
        text += leadingBreak;
        leadingBreak = "";
      }
      text += trailingBreaks;
      trailingBreaks = "";
      leadingBlank = isWs(c);
      let e = s.indexOf("\n", p);
      if (e === -1) e = this.n;
      text += s.slice(p, e);
      p = e;
      if (p < this.n) {
        leadingBreak = this.brk(p);
        p++;
      }
      breaksAt();
    }
    if (chomp !== -1) text += leadingBreak;
    if (chomp === 1) text += trailingBreaks;
    // Leave the position at the start of the line that ended the scalar.
    this.pos = p >= this.n ? this.n : s.lastIndexOf("\n", p - 1) + 1;
    if (folded) text = refoldLikeKyaml(text);
    if (this.typing.kyamlStream && text.charCodeAt(0) === 9 && v3WritesAsBlock(text)) {
      // kyaml re-encodes the resource with go-yaml v3, which writes this block scalar without an
      // indentation indicator: reading its first line back trips over the tab.
      this.fail("found a tab character where an indentation space is expected");
    }
    if (tag !== undefined) return this.typing.tagged(tag, text, false, this);
    return text;
  }

  // ---- flow collections ----------------------------------------------------------------

  /** Skips whitespace, line breaks and comments inside a flow collection. */
  private flowSpace(): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10) this.pos++;
      else if (c === 35 && (this.pos === 0 || isWsz(s.charCodeAt(this.pos - 1)))) {
        const e = s.indexOf("\n", this.pos);
        this.pos = e === -1 ? this.n : e;
      } else return;
    }
  }

  private flowCollection(): YamlValue {
    const s = this.src;
    const open = s.charCodeAt(this.pos);
    this.pos++;
    if (open === 91) {
      const arr: YamlValue[] = [];
      for (;;) {
        this.flowSpace();
        const c = this.c();
        if (c === 93) {
          this.pos++;
          return arr;
        }
        if (c !== c) this.fail("did not find expected ',' or ']'");
        // In flow context libyaml takes every '?' as the explicit-key indicator (`[?x]` is the
        // pair x: ""), blank after it or not.
        const entryAt = this.pos;
        let pair = c === 63;
        if (pair && !this.explicitFlowKey()) this.fail("did not find expected ',' or ']'");
        const { value, scalarKey } = this.flowNode();
        this.flowSpace();
        if (this.c() === 58) pair = true;
        if (pair) {
          // A single-pair map inside a flow sequence (`[a: b]`): its key reads as a flow map's.
          if (scalarKey === undefined) throw new Unsupported("flow pair with collection key");
          this.pos = entryAt;
          const m: YamlMap = {};
          const entries = new FlowEntries();
          this.flowEntry(m, entries);
          if (entries.merges !== undefined) this.applyMerges(m, entries.merges);
          arr.push(m);
        } else {
          arr.push(value);
          this.markScalar(arr, arr.length - 1);
        }
        const d = this.c();
        if (d === 44) this.pos++;
        else if (d !== 93) this.fail("did not find expected ',' or ']'");
      }
    }
    const m: YamlMap = {};
    const entries = new FlowEntries();
    for (;;) {
      this.flowSpace();
      const c = this.c();
      if (c === 125) {
        this.pos++;
        break;
      }
      if (c !== c) this.fail("did not find expected ',' or '}'");
      if (c === 44) this.fail("did not find expected node content");
      this.flowEntry(m, entries);
      const d = this.c();
      if (d === 44) this.pos++;
      else if (d !== 125) this.fail("did not find expected ',' or '}'");
    }
    if (entries.merges !== undefined) this.applyMerges(m, entries.merges);
    return m;
  }

  /** One `key: value` of a flow map (or of a single-pair map in a flow sequence) into `m`. */
  private flowEntry(m: YamlMap, entries: FlowEntries): void {
    // An explicit key left empty (`{? : a}`) is the key "".
    const emptyKey = this.c() === 63 && !this.explicitFlowKey();
    const keyAt = this.pos;
    const { scalarKey, keyText, merge } = emptyKey ? { scalarKey: "", keyText: "", merge: false } : this.flowNode(true);
    this.scalarText = undefined; // a key's text is not its value's
    if (scalarKey === undefined) throw new Unsupported("flow collection key");
    this.flowSpace();
    // A key must end on its line and within 1024 characters of its start (libyaml's simple keys).
    if (this.c() === 58 && !this.simpleKeyFits(keyAt)) this.fail("did not find expected ',' or '}'");
    // No value written (`{a: }`, `{a}`) reads as the typing's empty flow value, a bare null
    // for patches; so does one written as properties alone (`{a: &x }`), unless a tag types it.
    const empty = this.typing.emptyFlowValue;
    let v: YamlValue = empty;
    let bare = true;
    let aliasValue = false;
    if (this.c() === 58) {
      this.pos++;
      this.flowSpace();
      const d = this.c();
      if (d !== 44 && d !== 125 && d !== 93) {
        this.emptyNode = false;
        if (merge && d === 42 && this.typing.kyamlMerges) aliasValue = true;
        const node = this.flowNode(false, empty);
        v = node.value;
        bare = this.emptyNode && (!node.tagged || v === null);
      }
      this.flowSpace();
    }
    let setIt = !merge;
    if (this.typing.kyamlMerges && (merge || keyText === "<<")) {
      if (merge && entries.merges !== undefined) this.fail("duplicate merge key", keyAt);
      if (merge && aliasValue) this.checkMergeAlias(v, keyAt);
      setIt = this.keepKyamlKey(keyText, merge === true, entries.dropped);
      if (keyText === "<<") entries.dropped = true;
    }
    if (merge) (entries.merges ??= []).push(v);
    if (setIt) {
      if (entries.seen.has(scalarKey) && this.typing.rejectDuplicates) {
        const line = this.lineAt(keyAt);
        throw new YamlError(
          `yaml: unmarshal errors:\n  line ${line}: mapping key ${JSON.stringify(scalarKey)} already defined`,
          this.file,
          line,
        );
      }
      entries.seen.add(scalarKey);
      setEntry(m, scalarKey, v);
      if (bare) markBareNull(m, scalarKey, v as null | "");
      this.markScalar(m, scalarKey);
    }
  }

  /** Past a flow '?' and the blanks after it: whether a key is written there. */
  private explicitFlowKey(): boolean {
    this.pos++;
    this.flowSpace();
    const c = this.c();
    return !(c === 58 || c === 44 || c === 93 || c === 125 || c !== c);
  }

  /** Notes what the scalar just read (`value`, from `text`) loses as a value, for markScalar. */
  private noteScalar(value: YamlValue, text: string, tag: string | undefined, plain: boolean): void {
    this.scalarText = text;
    this.integralFloat = isIntegralFloat(value, text, tag);
    this.timestamp = isTimestamp(value, text, tag, plain);
  }

  /** Keeps on the side what `container[key]`, the scalar just read, lost (see scalar-tags.ts). */
  private markScalar(container: YamlMap | YamlValue[], key: string | number): void {
    if (this.scalarText === undefined) return;
    markScalar(container, key, this.scalarText, this.integralFloat, this.timestamp);
    // Used once: a following entry with no value must not take this scalar's text.
    this.scalarText = undefined;
  }

  /** A node inside a flow collection; `scalarKey` is its key form when it is a scalar. */
  private flowNode(
    asKey = false,
    empty: YamlValue = null,
  ): { value: YamlValue; scalarKey?: string; keyText?: string; merge?: boolean; tagged: boolean } {
    let anchor: string | undefined;
    let tag: string | undefined;
    for (;;) {
      const c = this.c();
      if (c === 38 && anchor === undefined) anchor = this.anchorName();
      else if (c === 33 && tag === undefined) tag = this.tagName(true);
      else break;
      this.flowSpace();
    }
    const c = this.c();
    let value: YamlValue;
    let scalarKey: string | undefined;
    let keyText: string | undefined;
    let merge = false;
    let bare = false;
    this.scalarText = undefined;
    if (c === 91 || c === 123) {
      value = this.flowCollection();
    } else if (c === 42) {
      value = this.alias();
      if (value === null || typeof value !== "object") scalarKey = value === null ? "null" : String(value);
    } else if (c === 34 || c === 39) {
      const text = this.quoted();
      value = tag !== undefined ? this.typing.tagged(tag, text, false, this) : text;
      this.noteScalar(value, text, tag, false);
      scalarKey = keyText = text;
      if (asKey && tag !== undefined && tag !== "!!merge") scalarKey = this.typing.taggedKey(tag, value, text, false, this);
      merge = asKey && tag === "!!merge";
    } else if (c === 44 || c === 93 || c === 125 || c === 58) {
      value = tag !== undefined ? this.typing.tagged(tag, "", true, this) : empty;
      this.emptyNode = true;
      bare = tag === undefined || value === null;
      scalarKey = "";
      if (c === 58) {
        // go-yaml reads a ':' glued to what follows (`[:x]`) as a value indicator with no node.
        const d = this.c(this.pos + 1);
        if (!isWsz(d) && !isFlowInd(d)) this.fail("did not find expected node content");
        throw new Unsupported("empty flow key");
      }
    } else {
      if (!this.canStartPlain(this.pos, true)) this.fail("found character that cannot start any token");
      const text = (keyText = this.plainScalar(-1, true));
      if (asKey && text === "<<" && (tag === "!" || tag === "!!merge")) {
        value = text;
        merge = true;
        scalarKey = text;
      } else if (tag !== undefined) {
        value = this.typing.tagged(tag, text, true, this);
        this.noteScalar(value, text, tag, true);
        if (!asKey) scalarKey = typeof value === "string" ? value : text;
        else if (tag === "!!merge") scalarKey = typeof value === "string" ? value : this.typing.plainKey(text, false, this);
        else scalarKey = this.typing.taggedKey(tag, value, text, false, this);
        merge = asKey && tag === "!!merge" && this.typing.kyamlMerges;
      } else {
        value = this.typing.plain(text);
        this.noteScalar(value, text, undefined, true);
        if (asKey) {
          if (text === "<<") merge = true;
          scalarKey = merge ? "<<" : this.typing.plainKey(text, false, this);
        } else scalarKey = text;
      }
    }
    if (anchor !== undefined) this.setAnchor(anchor, value, bare);
    return { value, scalarKey, keyText, merge, tagged: tag !== undefined };
  }
}

/**
 * Whether go-yaml v3 keeps a block style for `s`: no space before a break or at the end, and
 * nothing it must escape (a tab is fine).
 */
function v3WritesAsBlock(s: string): boolean {
  return !/ \n| $|[^\t\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\ud800-\udfff]/.test(s);
}

/**
 * kustomize re-encodes every resource with go-yaml v3 before converting it to JSON, and v3's
 * folded-scalar writer checks the first character of the whole value (not of the next line)
 * when deciding whether a line break needs an extra blank line. Reading that text back changes
 * some folded values; this reproduces the write-then-read round trip (ignoring width folding).
 */
export function refoldLikeKyaml(s: string): string {
  if (s === "" || !s.includes("\n")) return s;
  const c0 = s.charCodeAt(0);
  // v3 writes a value with special characters or trailing spaces in double quotes: no change.
  if (/[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\t]|[\ufeff]/.test(s)) return s;
  if (s.endsWith(" ") || / \n/.test(s)) return s;
  const firstBlank = c0 === 32 || c0 === 9 || c0 === 10;
  // Emit: lines of the value; after a content line not starting with a blank, the first "\n"
  // gets an extra break unless the value itself starts with a blank.
  const lines = s.split("\n");
  let out = "";
  let breaks = true;
  let leadingSpaces = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line !== "") {
      leadingSpaces = line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
      out += line;
      breaks = false;
    }
    if (i < lines.length - 1) {
      if (!breaks && !leadingSpaces && !firstBlank) out += "\n";
      out += "\n";
      breaks = true;
    }
  }
  // Read the emitted lines back as a folded block scalar with the same chomping.
  return readFolded(out, s);
}

function readFolded(body: string, original: string): string {
  const keep = /\n\n$/.test(original) || original === "\n";
  const strip = !original.endsWith("\n");
  const lines = body.split("\n");
  // A body ending in "\n" yields a final empty piece that is the end, not a line.
  if (body.endsWith("\n")) lines.pop();
  let text = "";
  let leadingBreak = "";
  let trailingBreaks = "";
  let leadingBlank = false;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") {
      trailingBreaks += "\n";
      continue;
    }
    const trailingBlank = line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
    if (leadingBreak === "\n" && !leadingBlank && !trailingBlank) {
      if (trailingBreaks === "") text += " ";
      leadingBreak = "";
    } else {
      text += leadingBreak;
      leadingBreak = "";
    }
    text += trailingBreaks;
    trailingBreaks = "";
    leadingBlank = trailingBlank;
    text += line;
    leadingBreak = i < lines.length - 1 || body.endsWith("\n") ? "\n" : "";
  }
  if (!strip) text += leadingBreak;
  if (keep) text += trailingBreaks;
  return text;
}
