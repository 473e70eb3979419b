// Turns the results object of run.mjs into the printed table. Pure formatting.

export function fmtMs(ms) {
  if (ms == null) return "n/a";
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function fmtKiB(kib) {
  if (kib == null) return "n/a";
  const mib = kib / 1024;
  return `${mib.toFixed(mib < 10 ? 1 : 0)} MiB`;
}

export function fmtBytes(n) {
  if (n == null) return "n/a";
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

export function fmtRatio(r) {
  return r == null ? "n/a" : `${r.toFixed(r < 0.1 ? 3 : 2)}×`;
}

function table(rows) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

function sideRow(label, tool, side, outputCell) {
  const m = side.median;
  const runs = side.runs?.length ? String(side.runs.length) : "-";
  if (!m) return [label, tool, runs, "-", "-", "-", outputCell];
  return [label, tool, runs, fmtMs(m.wallMs), fmtMs(m.cpuMs), fmtKiB(m.maxRssKiB), outputCell];
}

function oursOutputCell(k) {
  if (k.status !== "ok") return k.status;
  if (k.identical === true) return `identical (${fmtBytes(k.bytes)})`;
  if (k.identical === false) return k.firstDifference ? `DIFFERS at line ${k.firstDifference.line}` : "DIFFERS";
  return `${fmtBytes(k.bytes)} (no reference)`;
}

export function renderReport(res) {
  const out = [];
  const m = res.machine;
  out.push(`kfrender benchmark — ${res.config.runs} counted run(s) after ${res.config.warmup} warm-up, alternating; medians`);
  out.push(`machine: ${m.cpuModel} × ${m.cores}, ${m.memGiB} GiB, ${m.os}; node ${m.node}; kubectl ${m.kubectl}`);
  out.push(`probe: ${res.probe.note}`);
  out.push(`load average at start ${m.loadStart.join(" ")}, at end ${m.loadEnd?.join(" ") ?? "?"}`);
  if (m.loadStart[0] > m.cores) out.push(`WARNING: the machine was busy (load ${m.loadStart[0]} on ${m.cores} cores): wall times are inflated; CPU time is the steadier figure`);
  out.push("");

  const rows = [["input", "tool", "runs", "wall", "CPU", "peak RSS", "output"]];
  for (const r of res.inputs) {
    if (r.skipped) {
      rows.push([r.id, "-", "-", "-", "-", "-", r.skipped]);
      continue;
    }
    const ref = r.reference;
    const refCell = ref.status === "ok" ? fmtBytes(ref.bytes) : ref.status === "stored" ? `not run: stored sha256 of ${fmtBytes(ref.bytes)} (see notes)` : ref.status;
    rows.push(sideRow(r.id, "kubectl", ref, refCell));
    rows.push(sideRow("", "kfrender", r.kfrender, oursOutputCell(r.kfrender)));
    if (r.ratio) {
      const t = r.targets ?? {};
      const mark = (v, target) => (target == null || v == null ? "" : ` (≤ ${target}: ${v <= target ? "met" : "MISSED"})`);
      rows.push(["", "ours/ref", "", fmtRatio(r.ratio.wallMs) + mark(r.ratio.wallMs, t.wall), fmtRatio(r.ratio.cpuMs), fmtRatio(r.ratio.maxRssKiB) + mark(r.ratio.maxRssKiB, t.maxRss), ""]);
    }
  }
  out.push(table(rows));

  if (res.inProcess.length) {
    out.push("", `In-process: build, and buildToYaml (build + print), in one warm Node process (${res.config.inprocWarmup} warm-up, up to ${res.config.inprocRuns} timed runs of each)`);
    const ip = [["input", "runs", "build median", "build min", "buildToYaml median", "buildToYaml min", "peak RSS", "output"]];
    for (const r of res.inProcess) {
      if (r.status !== "ok") ip.push([r.id, "-", "-", "-", "-", "-", "-", r.status]);
      else {
        const outCell = r.identical === true ? "identical" : r.identical === false ? "DIFFERS" : "(no reference)";
        ip.push([r.id, r.runsMs.length, fmtMs(r.buildMedianMs), fmtMs(r.buildMinMs), fmtMs(r.medianMs), fmtMs(r.minMs), fmtKiB(r.maxRssKiB), outCell]);
      }
    }
    out.push(table(ip));
  }

  const s = res.scaling;
  if (s) {
    out.push("", `Scaling: synthetic ${s.small} → ${s.large} resources (SMP patch on each); linear = ${s.linear}×`);
    const sc = [["measure", `${s.small}`, `${s.large}`, "ratio"]];
    for (const row of s.rows) sc.push([row.name, fmtMs(row.small), fmtMs(row.large), row.ratio == null ? "n/a" : `${row.ratio.toFixed(2)}×`]);
    out.push(table(sc));
  }

  out.push("", "Targets");
  const tg = [["target", "value", "goal", "status"]];
  for (const t of res.targets) tg.push([t.name, t.value, t.goal, t.status]);
  out.push(table(tg));

  if (res.notes.length) {
    out.push("", "Notes");
    for (const n of res.notes) out.push(`- ${n}`);
  }
  return out.join("\n") + "\n";
}
