import type { YamlValue } from "@kfrender/yaml";

/**
 * Go's `%v` for the values a var can hold, as kustomize writes a var into the middle of a string:
 * integers in full, other numbers in Go's shortest `%g` form (`1.5`, `1.2345675e+06`, `1e-05`).
 */
export function goFormatValue(v: YamlValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? intText(v) : goFloat(v);
  return String(v);
}

function intText(v: number): string {
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

/** strconv.FormatFloat(v, 'g', -1, 64), which is what `%v` prints for a float64. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const sign = v < 0 ? "-" : "";
  const [mant, expPart] = Math.abs(v).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expPart);
  // Go's shortest %g switches to exponent form below 1e-4 and from 1e+06 (precision 6).
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}${frac ? "." + frac : ""}`;
}
