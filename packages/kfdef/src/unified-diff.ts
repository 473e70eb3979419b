// A unified diff (as `diff -u` prints it) between two texts, line by line: common prefix and suffix
// trimmed, Myers' algorithm on the rest; past a budget of edits it falls back to one replace block.

export interface DiffOptions {
  /** Labels of the `---`/`+++` lines. */
  fromLabel?: string;
  toLabel?: string;
  /** Context lines around each change (default 3). */
  context?: number;
  /** Maximum number of differing lines Myers explores before giving up on a minimal diff. */
  maxEdits?: number;
}

type Op = { kind: " " | "-" | "+"; line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += "\n\\ No newline at end of file";
  return lines;
}

/** Myers O(ND) shortest edit script of a → b, or undefined when D exceeds `max`. */
function myers(a: string[], b: string[], max: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: " ", line: a[--x]! }), y--;
    if (x === prevX) ops.push({ kind: "+", line: b[--y]! });
    else ops.push({ kind: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: " ", line: a[--x]! }), y--;
  return ops.reverse();
}

/** A unified diff of `from` → `to`; "" when they are equal. */
export function unifiedDiff(from: string, to: string, opts: DiffOptions = {}): string {
  if (from === to) return "";
  const ctx = opts.context ?? 3;
  const a = splitLines(from);
  const b = splitLines(to);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const mid = myers(midA, midB, Math.min(opts.maxEdits ?? 1000, midA.length + midB.length)) ?? [
    ...midA.map((line) => ({ kind: "-" as const, line })),
    ...midB.map((line) => ({ kind: "+" as const, line })),
  ];
  const ops: Op[] = [
    ...a.slice(0, pre).map((line) => ({ kind: " " as const, line })),
    ...mid,
    ...a.slice(a.length - suf).map((line) => ({ kind: " " as const, line })),
  ];

  const out: string[] = [`--- ${opts.fromLabel ?? "expected"}`, `+++ ${opts.toLabel ?? "actual"}`];
  // Positions (in ops) of changes, grouped into hunks whose context overlaps.
  const aPos = new Int32Array(ops.length + 1);
  const bPos = new Int32Array(ops.length + 1);
  ops.forEach((o, p) => {
    aPos[p + 1] = aPos[p]! + (o.kind !== "+" ? 1 : 0);
    bPos[p + 1] = bPos[p]! + (o.kind !== "-" ? 1 : 0);
  });
  const changes: number[] = [];
  ops.forEach((o, i) => o.kind !== " " && changes.push(i));
  let i = 0;
  while (i < changes.length) {
    const start = Math.max(0, changes[i]! - ctx);
    let end = Math.min(ops.length, changes[i]! + ctx + 1);
    let j = i + 1;
    while (j < changes.length && changes[j]! - ctx <= end) {
      end = Math.min(ops.length, changes[j]! + ctx + 1);
      j++;
    }
    const aLine = aPos[start]!;
    const bLine = bPos[start]!;
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    for (let p = start; p < end; p++) {
      const o = ops[p]!;
      body.push(o.kind + o.line);
      if (o.kind !== "+") aCount++;
      if (o.kind !== "-") bCount++;
    }
    const range = (line: number, count: number) => (count === 1 ? `${line + 1}` : `${count === 0 ? line : line + 1},${count}`);
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`, ...body);
    i = j;
  }
  return out.join("\n") + "\n";
}
