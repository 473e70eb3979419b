// YAML timestamps as go-yaml resolves plain scalars: the value must start with four digits and
// '-', then match one of Go `time.Parse` layouts "2006-1-2T15:4:5.999999999Z07:00" (or 't'),
// "2006-1-2 15:4:5.999999999" or "2006-1-2". Printed back through encoding/json, i.e. RFC 3339
// with nanoseconds (trailing zeros dropped) and `Z` for a zero offset.

const DATE = /^(\d{4})-(\d\d?)-(\d\d?)/;
const TIME = /^(\d\d?):(\d\d?):(\d\d?)(?:[.,](\d+))?/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The RFC 3339 text Go prints for `s` when go-yaml reads it as a timestamp, else undefined. */
export function goTimestamp(s: string): string | undefined {
  const c4 = s.charCodeAt(4);
  if (s.length < 8 || c4 !== 45) return undefined;
  const d = DATE.exec(s);
  if (!d) return undefined;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  let rest = s.slice(d[0].length);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined;
  const date = `${d[1]}-${pad(month)}-${pad(day)}`;
  if (rest === "") return `${date}T00:00:00Z`;
  const sep = rest[0];
  let spaced = false;
  if (sep === "T" || sep === "t") rest = rest.slice(1);
  else if (sep === " ") {
    spaced = true;
    rest = rest.replace(/^ +/, "");
  } else return undefined;
  const t = TIME.exec(rest);
  if (!t) return undefined;
  const h = Number(t[1]);
  const mi = Number(t[2]);
  const se = Number(t[3]);
  if (h > 23 || mi > 59 || se > 59) return undefined;
  let frac = (t[4] ?? "").slice(0, 9).replace(/0+$/, "");
  rest = rest.slice(t[0].length);
  let zone = "Z";
  if (spaced) {
    if (rest !== "") return undefined;
  } else if (rest === "Z") {
    zone = "Z";
  } else {
    const z = /^([+-])(\d\d):(\d\d)$/.exec(rest);
    if (!z) return undefined;
    const zh = Number(z[2]);
    const zm = Number(z[3]);
    if (zh > 24 || zm > 60) return undefined;
    const mins = zh * 60 + zm;
    zone = mins === 0 ? "Z" : `${z[1]}${pad(Math.floor(mins / 60))}:${pad(mins % 60)}`;
  }
  if (frac) frac = "." + frac;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(se)}${frac}${zone}`;
}
