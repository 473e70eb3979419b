// Map keys are printed in go-yaml v2's `keyList.Less` order (sigs.k8s.io/yaml marshals through it):
// at the first differing rune, letters sort after everything else, two letters compare by code
// point, and otherwise the runs of digits starting there compare as integers (a run that starts
// with '0' after a non-zero digit keeps counting that digit), then by run length, then by rune.
// Shorter prefix first. Verified against kubectl kustomize v5.5.0 (see test/key-order.test.ts).

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCodePoint(c));
}
function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 48 && c <= 57;
  return DIGIT.test(String.fromCodePoint(c));
}

function runes(s: string): number[] {
  const r: number[] = [];
  for (const ch of s) r.push(ch.codePointAt(0)!);
  return r;
}

/** Go's int64 accumulation `n = n*10 + (r - '0')`, wrapping like Go does for long runs. */
function digitRun(r: number[], i: number, start: bigint | number): [bigint | number, number] {
  let n: bigint | number = start;
  let j = i;
  for (; j < r.length && isDigit(r[j]!); j++) {
    const d = r[j]! - 48;
    if (typeof n === "number") {
      const next = n * 10 + d;
      if (Number.isSafeInteger(next) && Math.abs(next) < 1e15) {
        n = next;
        continue;
      }
      n = BigInt(n);
    }
    n = BigInt.asIntN(64, (n as bigint) * 10n + BigInt(d));
  }
  return [n, j];
}

function lessRunes(ar: number[], br: number[]): boolean {
  const len = Math.min(ar.length, br.length);
  for (let i = 0; i < len; i++) {
    const a = ar[i]!;
    const b = br[i]!;
    if (a === b) continue;
    const al = isLetter(a);
    const bl = isLetter(b);
    if (al && bl) return a < b;
    if (al || bl) return bl;
    let start = 0;
    if (a === 48 || b === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== 48) {
          start = 1;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, start);
    const [bn, bi] = digitRun(br, i, start);
    if (an != bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return a < b;
  }
  return ar.length < br.length;
}

function slowCompare(a: string, b: string): number {
  const ar = runes(a);
  const br = runes(b);
  return lessRunes(ar, br) ? -1 : lessRunes(br, ar) ? 1 : 0;
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/** go-yaml v2's key order as a comparator for Array.prototype.sort. */
export function compareKeys(a: string, b: string): number {
  // ASCII fast path of lessRunes; anything non-ASCII near the difference takes the slow path.
  const len = a.length < b.length ? a.length : b.length;
  let i = 0;
  for (; i < len; i++) {
    const ca = a.charCodeAt(i);
    if (ca !== b.charCodeAt(i)) break;
    if (ca >= 0x80) return slowCompare(a, b);
  }
  if (i === len) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if (ca >= 0x80 || cb >= 0x80) return slowCompare(a, b);
  const al = isAsciiLetter(ca);
  const bl = isAsciiLetter(cb);
  if (al && bl) return ca < cb ? -1 : 1;
  if (al || bl) return bl ? -1 : 1;
  let ai = i;
  let bi = i;
  while (ai < a.length && isAsciiDigit(a.charCodeAt(ai))) ai++;
  while (bi < b.length && isAsciiDigit(b.charCodeAt(bi))) bi++;
  if ((ai < a.length && a.charCodeAt(ai) >= 0x80) || (bi < b.length && b.charCodeAt(bi) >= 0x80)) {
    return slowCompare(a, b);
  }
  if (ai - i > 15 || bi - i > 15) return slowCompare(a, b);
  let start = 0;
  if (ca === 48 || cb === 48) {
    for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
      if (a.charCodeAt(j) !== 48) {
        start = 1;
        break;
      }
    }
  }
  let an = start;
  for (let j = i; j < ai; j++) an = an * 10 + (a.charCodeAt(j) - 48);
  let bn = start;
  for (let j = i; j < bi; j++) bn = bn * 10 + (b.charCodeAt(j) - 48);
  if (an !== bn) return an < bn ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  return ca < cb ? -1 : 1;
}

/** The keys of a map in the order kubectl kustomize prints them. */
export function sortedKeys(m: object): string[] {
  const keys = Object.keys(m);
  const n = keys.length;
  if (n < 2) return keys;
  if (n > 24) return keys.sort(compareKeys);
  // Insertion sort: most maps are small and often already in order, where Array.prototype.sort's
  // per-call setup costs more than the comparisons.
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    if (compareKeys(keys[j]!, k) <= 0) continue;
    do {
      keys[j + 1] = keys[j]!;
      j--;
    } while (j >= 0 && compareKeys(keys[j]!, k) > 0);
    keys[j + 1] = k;
  }
  return keys;
}
