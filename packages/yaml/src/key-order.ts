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

const NON_ASCII = /[^\x00-\x7f]/;

/** go-yaml v2's key order as a comparator for Array.prototype.sort. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path: ASCII keys that differ first at two letters, or where one is a prefix.
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) {
    const len = Math.min(a.length, b.length);
    let i = 0;
    while (i < len && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === len) return a.length < b.length ? -1 : 1;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    const al = (ca >= 65 && ca <= 90) || (ca >= 97 && ca <= 122);
    const bl = (cb >= 65 && cb <= 90) || (cb >= 97 && cb <= 122);
    if (al && bl) return ca < cb ? -1 : 1;
    if (al !== bl) return bl ? -1 : 1;
  }
  const ar = runes(a);
  const br = runes(b);
  return lessRunes(ar, br) ? -1 : lessRunes(br, ar) ? 1 : 0;
}

/** The keys of a map in the order kubectl kustomize prints them. */
export function sortedKeys(m: object): string[] {
  const keys = Object.keys(m);
  if (keys.length > 1) keys.sort(compareKeys);
  return keys;
}
