import type { Decision } from "./types.js";

const HEADERS = ["REPO", "RULE", "SOURCE", "DIRECTORY", "REASON"] as const;

/**
 * The resolver's decisions as a fixed-width table, one row per repo, its warnings and error on
 * indented lines below it. Ends with a newline; an empty list prints the header only.
 */
export function formatDecisionTable(decisions: readonly Decision[]): string {
  const rows = decisions.map((d) => [d.repo, d.rule === undefined ? "-" : String(d.rule), d.source, d.dir ?? "-", d.reason]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(HEADERS)];
  decisions.forEach((d, i) => {
    out.push(line(rows[i]!));
    for (const w of d.warnings) out.push(`  warning: ${w}`);
    if (d.error !== undefined) out.push(`  error: ${d.error}`);
  });
  return out.join("\n") + "\n";
}
