// Which style go-yaml v2's emitter (libyaml's rules) gives a string in block context, after
// sigs.k8s.io/yaml asked for plain (or literal, when the string holds "\n") and fell back to
// double quotes when a plain scalar would be read as another type.

import { v2PlainIsString } from "./resolve.js";

export const enum Style {
  Plain,
  Single,
  Double,
  Literal,
}

export function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** libyaml's is_printable (go-yaml v2): what may appear unescaped. Note: no tab, no astral. */
export function isPrintable(c: number): boolean {
  return (
    c === 10 ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** Printable ASCII strings a plain scalar could hold in block context (checked further below). */
const SIMPLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_LINES = /^[\x20-\x7e\n]*$/;
/** Within printable ASCII, what rules a plain scalar out in block context. */
const PLAIN_BAD_ASCII = /^[ #,[\]{}&*!|>'"%@`]|^[-?:](?: |$)|^---|^\.\.\.|: |:$| #| $/;

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, reduced to the block-context flags. */
function analyze(s: string): Analysis {
  if (s.length === 0) return { multiline: false, blockPlain: true, single: true, block: false };
  let blockInd = s.startsWith("---") || s.startsWith("...");
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededWs = true;
  const n = s.length;
  for (let i = 0; i < n; ) {
    const c = s.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    const j = i + w;
    const last = j >= n;
    const nc = last ? 0 : s.charCodeAt(j);
    const followedWs = last || nc === 32 || nc === 9;
    if (i === 0) {
      switch (c) {
        case 35: case 44: case 91: case 93: case 123: case 125: case 38: case 42: case 33:
        case 124: case 62: case 39: case 34: case 37: case 64: case 96:
          blockInd = true;
          break;
        case 63: case 58: case 45:
          if (followedWs) blockInd = true;
          break;
      }
    } else if ((c === 58 && followedWs) || (c === 35 && precededWs)) {
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    const br = isBreak(c);
    if (br) lineBreaks = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (br) {
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededWs = c === 32 || c === 9 || br || c === 0;
    i = j;
  }
  let blockPlain = true;
  let single = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, single, block };
}

/** Whether a key must use the `? key` form: go-yaml's check_simple_key (breaks, > 128 bytes). */
export function needsComplexKey(s: string): boolean {
  if (s.length > 128 || /[\n\r\u0085\u2028\u2029]/.test(s)) {
    if (/[\n\r\u0085\u2028\u2029]/.test(s)) return true;
    return Buffer.byteLength(s, "utf8") > 128;
  }
  if (s.length > 42 && /[^\x00-\x7f]/.test(s)) return Buffer.byteLength(s, "utf8") > 128;
  return false;
}

/** The style go-yaml v2 prints string `s` in (block context; `simpleKey` for `key:` position). */
export function selectStyle(s: string, simpleKey: boolean): Style {
  const requested = s.includes("\n") ? Style.Literal : v2PlainIsString(s) ? Style.Plain : Style.Double;
  if (requested === Style.Double) return Style.Double;
  if (requested === Style.Plain && SIMPLE_ASCII.test(s)) {
    // Printable ASCII on one line: single quotes always work; plain unless an indicator forbids.
    if (s.length !== 0 && !PLAIN_BAD_ASCII.test(s)) return Style.Plain;
    return Style.Single;
  }
  if (requested === Style.Literal && !simpleKey && ASCII_LINES.test(s)) {
    // Printable ASCII lines: a literal block unless a space ends a line or the text.
    return / \n| $/.test(s) ? Style.Double : Style.Literal;
  }
  const a = analyze(s);
  if (simpleKey && a.multiline) return Style.Double;
  let style = requested;
  if (style === Style.Plain) {
    if (!a.blockPlain) style = Style.Single;
    if (s.length === 0 && simpleKey) style = Style.Single;
  }
  if (style === Style.Single && !a.single) style = Style.Double;
  if (style === Style.Literal && (!a.block || simpleKey)) style = Style.Double;
  return style;
}
