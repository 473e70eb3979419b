// Runs one command and measures it from the OS: wall time, CPU time (user + sys) and peak RSS.
//
// Preferred probe: GNU time (`/usr/bin/time -f ... -o FILE`), which reports the child's own
// rusage from wait4(). Without it we fall back to /proc: CPU is the growth of this process's
// cutime/cstime across the run (exact: the child is reaped by us), peak RSS is the child's
// VmHWM polled every few ms (a lower bound: growth in the last few ms before exit is missed).
// Without /proc either, only wall time is reported.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const GNU_TIME = "/usr/bin/time";
const POLL_MS = 5;

/** Which probe this machine supports; `BENCH_PROBE=proc|none` forces a weaker one (to test them). */
export function detectProbe() {
  const forced = process.env.BENCH_PROBE;
  if (forced !== "proc" && forced !== "none" && isGnuTime()) {
    return { kind: "gnu-time", path: GNU_TIME, note: "GNU time: child rusage from wait4()" };
  }
  if (forced !== "none" && fs.existsSync("/proc/self/stat")) {
    return {
      kind: "proc",
      clockTicks: clockTicks(),
      note: "/proc fallback: CPU exact (cutime+cstime), peak RSS polled every 5 ms (lower bound); install GNU time (apt-get install time) for exact peak RSS",
    };
  }
  return { kind: "none", note: "no GNU time and no /proc: wall time only" };
}

function isGnuTime() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const tmp = path.join(os.tmpdir(), `kfrender-bench-probe-${process.pid}`);
  try {
    execFileSync(GNU_TIME, ["-f", "%U %S %M", "-o", tmp, "true"], { stdio: "ignore" });
    return /^\d+\.\d+ \d+\.\d+ \d+\s*$/.test(fs.readFileSync(tmp, "utf8"));
  } catch {
    return false;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function clockTicks() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The child currently running, so an interrupt of the harness can end it (and only it). */
let current = null;
export function killCurrent() {
  if (current?.pid) {
    try {
      process.kill(-current.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/**
 * Runs `cmd args` in `cwd`, stdout captured whole (it is compared byte for byte), stderr kept
 * for error messages. Resolves with { code, signal, timedOut, stdout, stderr, wallMs, userMs,
 * sysMs, cpuMs, maxRssKiB } — the last four null when the probe cannot tell.
 */
export function runMeasured(cmd, args, { cwd, probe, timeoutMs = 0 }) {
  const timeFile = probe.kind === "gnu-time" ? path.join(os.tmpdir(), `kfrender-bench-time-${process.pid}-${Date.now()}`) : null;
  const [file, argv] = timeFile ? [probe.path, ["-f", "%U %S %M", "-o", timeFile, "--", cmd, ...args]] : [cmd, args];
  const before = probe.kind === "proc" ? childTicks() : null;
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    let errBytes = 0;
    let timedOut = false;
    let peakKiB = 0;
    const start = process.hrtime.bigint();
    // Own process group: a timeout kills the command and anything it started, nothing else.
    const child = spawn(file, argv, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => {
      // kubectl prints hundreds of deprecation warnings; the tail is where errors are.
      err.push(b);
      errBytes += b.length;
      while (errBytes > 1 << 20 && err.length > 1) errBytes -= err.shift().length;
    });
    const poll = probe.kind === "proc" ? setInterval(() => (peakKiB = Math.max(peakKiB, vmHwm(child.pid))), POLL_MS) : null;
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), killCurrent()), timeoutMs) : null;
    const finish = (code, signal, spawnError) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      current = null;
      const r = {
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out),
        stderr: spawnError ? String(spawnError.message) : Buffer.concat(err).toString("utf8"),
        wallMs,
        userMs: null,
        sysMs: null,
        cpuMs: null,
        maxRssKiB: null,
      };
      if (timeFile) readGnuTime(timeFile, r);
      else if (before) {
        const after = childTicks();
        const ms = 1000 / probe.clockTicks;
        r.userMs = (after.user - before.user) * ms;
        r.sysMs = (after.sys - before.sys) * ms;
        r.cpuMs = r.userMs + r.sysMs;
        r.maxRssKiB = peakKiB || null;
      }
      resolve(r);
    };
    child.on("error", (e) => finish(127, null, e));
    child.on("close", (code, signal) => finish(code, signal, null));
  });
}

function readGnuTime(file, r) {
  try {
    // With a non-zero exit GNU time writes "Command exited with non-zero status N" first.
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    const m = /^(\d+\.\d+) (\d+\.\d+) (\d+)$/.exec(lines[lines.length - 1] ?? "");
    if (m) {
      r.userMs = Number(m[1]) * 1000;
      r.sysMs = Number(m[2]) * 1000;
      r.cpuMs = r.userMs + r.sysMs;
      r.maxRssKiB = Number(m[3]);
    }
  } catch {
    /* killed before GNU time wrote anything */
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** cutime/cstime of this process: CPU of every child it has reaped, in clock ticks. */
function childTicks() {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(f[13]), sys: Number(f[14]) };
}

function vmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
