// Golden files for users' CI: `--check FILE` compares a render (or build) with FILE and prints a
// unified diff; `--update` rewrites FILE. Shared by `kfrender render` and `kfrender build`.

import { unifiedDiff } from "./unified-diff.js";

export interface GoldenCheck {
  /** True when FILE holds exactly the actual output. */
  equal: boolean;
  /** `diff -u FILE actual` ("" when equal). */
  diff: string;
  /** FILE did not exist. */
  missing: boolean;
}

/**
 * Compares `actual` with the golden `expected` text (`undefined` when the file does not exist).
 * `file` labels the diff.
 */
export function checkGolden(actual: string, expected: string | undefined, file: string): GoldenCheck {
  if (expected === undefined) {
    return { equal: false, missing: true, diff: unifiedDiff("", actual, { fromLabel: `${file} (missing)`, toLabel: "actual output" }) };
  }
  if (expected === actual) return { equal: true, missing: false, diff: "" };
  return { equal: false, missing: false, diff: unifiedDiff(expected, actual, { fromLabel: file, toLabel: "actual output" }) };
}
