import { type Transport, serverMessage } from "./transport.js";

export interface CrdWaitOptions {
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

interface Condition {
  type?: string;
  status?: string;
  message?: string;
}

/**
 * Polls a CRD until its `Established` condition is True. The loop is bounded by the sum of the
 * delays it sleeps (100 ms doubling to 2 s), so it ends even if the clock does not move.
 */
export async function waitForEstablished(transport: Transport, apiVersion: string, name: string, opts: CrdWaitOptions): Promise<{ ok: true } | { ok: false; message: string }> {
  const path = `/apis/${apiVersion}/customresourcedefinitions/${encodeURIComponent(name)}`;
  let slept = 0;
  let delay = 100;
  for (;;) {
    const res = await transport.request({ method: "GET", path });
    if (res.status === 200) {
      const crd = JSON.parse(res.body) as { status?: { conditions?: Condition[] } };
      const conditions = crd.status?.conditions ?? [];
      if (conditions.some((c) => c.type === "Established" && c.status === "True")) return { ok: true };
      const names = conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
      if (names) return { ok: false, message: `names not accepted: ${names.message ?? "no reason given"}` };
    } else if (res.status !== 404) {
      return { ok: false, message: serverMessage(res) };
    }
    if (slept >= opts.timeoutMs) return { ok: false, message: `did not become Established within ${formatMs(opts.timeoutMs)}` };
    const step = Math.min(delay, opts.timeoutMs - slept);
    await opts.sleep(step);
    slept += step;
    delay = Math.min(delay * 2, 2000);
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`;
}
