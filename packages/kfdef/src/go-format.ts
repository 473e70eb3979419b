/**
 * Go's `strconv.FormatFloat(f, 'g', -1, 32)`: the value rounded to float32, printed with the
 * fewest digits that read back as the same float32; exponent form when the decimal exponent is
 * below -4 or at least 6 (Go's rule for the shortest 'g' format), e.g. `1e+06`, `1.5e-05`.
 * ghodss/yaml uses it whenever a YAML float lands in a string field or a map key.
 */
export function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  const x = Math.fround(f);
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  let digits = "";
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(x).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(x)) {
      const [mant, e] = s.split("e");
      digits = mant!.replace(".", "");
      exp = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, "") || "0";
  const sign = x < 0 ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
