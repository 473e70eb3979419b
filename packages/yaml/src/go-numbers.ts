// Number syntax and formatting as Go's strconv and encoding/json do it; both resolvers
// (go-yaml v2 on output, v3 on input) and the printer build on these.

/** Go's `strconv.ParseUint(s, 0, 64)` / `ParseInt(s, 0, 64)` literal syntax, without sign. */
const UNSIGNED_BASE0 = /^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function unsignedValue(s: string): bigint {
  if (s.length > 1 && s[0] === "0") {
    const p = s[1]!;
    if (p === "x" || p === "X") return BigInt("0x" + s.slice(2));
    if (p === "o" || p === "O") return BigInt("0o" + s.slice(2));
    if (p === "b" || p === "B") return BigInt("0b" + s.slice(2));
    return BigInt("0o" + s.slice(1));
  }
  return BigInt(s);
}

export interface GoInt {
  /** The value, when `ParseInt` or `ParseUint` (base 0, 64 bits) accept the text. */
  value?: bigint;
  /** Syntactically an unsigned literal, but out of uint64 range (ParseUint's ErrRange). */
  uintRange?: boolean;
}

/** `ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`, as go-yaml's resolvers try them. */
/** Decimal integers a double holds exactly, the common case. */
export const SMALL_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;

export function parseGoInt(s: string): GoInt {
  let neg = false;
  let body = s;
  const c = s.charCodeAt(0);
  if (c === 43 /* + */ || c === 45 /* - */) {
    neg = c === 45;
    body = s.slice(1);
  }
  if (!UNSIGNED_BASE0.test(body)) return {};
  const v = unsignedValue(body);
  if (body === s) {
    if (v <= UINT64_MAX) return { value: v };
    return { uintRange: true };
  }
  const sv = neg ? -v : v;
  if (sv >= INT64_MIN && sv <= INT64_MAX) return { value: sv };
  return {};
}

/** go-yaml's `yamlStyleFloat` regexp. */
export const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Go's `strconv.FormatFloat(x, 'g', -1, 64)`. */
export function formatGoFloatG(x: number): string {
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  if (Number.isNaN(x)) return "NaN";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const neg = x < 0;
  const e = Math.abs(x).toExponential();
  const ei = e.indexOf("e");
  const digits = e.slice(0, ei).replace(".", "");
  const exp = Number(e.slice(ei + 1));
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${ae < 10 ? "0" + ae : ae}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${"0".repeat(-dp)}${digits}`;
  if (dp >= digits.length) return sign + digits + "0".repeat(dp - digits.length);
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/**
 * A number as kubectl kustomize prints it: encoding/json writes it (integral values below 1e21
 * without exponent), go-yaml v2 reads that back as an int when it fits int64/uint64 and as a
 * float64 otherwise, and prints floats with 'g' formatting. So `1.0` → `1`, `1e20` → `1e+20`,
 * `0.000001` → `1e-06`, `123456789.5` → `1.234567895e+08`.
 */
export function formatNumber(x: number | bigint): string {
  if (typeof x === "bigint") {
    if (x >= INT64_MIN && x <= UINT64_MAX) return x.toString();
    return formatGoFloatG(Number(x));
  }
  if (Number.isInteger(x) && Math.abs(x) < 1e21) {
    const s = String(x);
    if (Math.abs(x) <= Number.MAX_SAFE_INTEGER) return s;
    const b = BigInt(s);
    if (b >= INT64_MIN && b <= UINT64_MAX) return s;
  }
  return formatGoFloatG(x);
}
