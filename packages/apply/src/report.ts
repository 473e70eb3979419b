import type { ApplyReport, ResourceResult } from "./apply.js";
import { PHASES, type Phase } from "./install-order.js";
import type { PlannedRequest } from "./plan.js";
import type { PruneResult } from "./prune.js";
import { groupKind, type ResourceRef } from "./resource-ref.js";
import { queryString } from "./transport.js";

const PHASE_TITLES: Record<Phase, string> = {
  namespaces: "Namespaces",
  crds: "CustomResourceDefinitions (their custom resources wait for Established)",
  "cluster-rbac": "cluster-wide RBAC",
  resources: "everything else (kfctl's kind order, then other kinds by name)",
  webhooks: "webhook configurations and APIServices",
};

const kindCell = (r: ResourceRef) => groupKind(r.group, r.kind);
const nameCell = (r: ResourceRef) => (r.namespace ? `${r.namespace}/${r.name}` : r.name);

/**
 * Fixed-width rows that can be printed as each result arrives: the widths come from the input,
 * which is known before the first request (names are measured with the default namespace, which
 * is at most too wide for cluster-scoped objects).
 */
export class ResultTable {
  private readonly kindWidth: number;
  private readonly nameWidth: number;

  constructor(refs: ResourceRef[], defaultNamespace = "default") {
    this.kindWidth = Math.max(4, ...refs.map((r) => kindCell(r).length));
    this.nameWidth = Math.max(4, ...refs.map((r) => nameCell({ ...r, namespace: r.namespace ?? defaultNamespace }).length));
  }

  header(): string {
    return this.line("RESULT", "KIND", "NAME", "MESSAGE");
  }

  row(r: { ref: ResourceRef; status: string; message?: string }): string {
    return this.line(r.status, kindCell(r.ref), nameCell(r.ref), r.message ?? "");
  }

  private line(status: string, kind: string, name: string, message: string): string {
    const head = `${status.padEnd(12)}  ${kind.padEnd(this.kindWidth)}  ${name.padEnd(this.nameWidth)}`;
    if (!message) return `${head.trimEnd()}\n`;
    // Continuation lines of a multi-line server message stay under the message column.
    return `${head}  ${message.split("\n").join(`\n${" ".repeat(head.length + 2)}`)}\n`;
  }
}

export function summarize(report: ApplyReport): string {
  const count = (s: string) => report.results.filter((r) => r.status === s).length;
  const parts = ["created", "configured", "unchanged", "failed", "skipped"].map((s) => [s, count(s)] as const).filter(([s, n]) => n > 0 || s === "failed");
  const what = report.dryRun === "server" ? "Server dry run of" : "Applied";
  let out = `${what} ${report.results.length} resources: ${parts.map(([s, n]) => `${n} ${s}`).join(", ")}.\n`;
  if (report.pruneSkipped) out += `Prune skipped: ${report.pruneSkipped}.\n`;
  if (report.pruned) out += summarizePrune(report.pruned, report.dryRun === "server");
  return out;
}

export function summarizePrune(pruned: PruneResult[], dryRun: boolean): string {
  const count = (s: string) => pruned.filter((r) => r.status === s).length;
  if (!pruned.length) return dryRun ? "Prune (dry run): nothing would be deleted.\n" : "Prune: nothing to delete.\n";
  const parts = (["deleted", "would delete", "kept", "failed"] as const).map((s) => [s, count(s)] as const).filter(([, n]) => n > 0);
  return `Prune${dryRun ? " (dry run)" : ""}: ${parts.map(([s, n]) => `${n} ${s}`).join(", ")}.\n`;
}

/** The client dry run's plan: one line per request, grouped by phase. */
export function formatPlan(plan: PlannedRequest[], opts: { prunePending?: boolean } = {}): string {
  const out: string[] = [];
  const q = plan[0] ? queryString(plan[0].query) : "";
  out.push(`# Client dry run: ${plan.length} server-side apply requests (PATCH ${q}, Content-Type: application/apply-patch+yaml), in this order.\n`);
  let phase: Phase | undefined;
  const width = String(plan.length).length;
  plan.forEach((p, i) => {
    if (p.phase !== phase) {
      phase = p.phase;
      out.push(`# ${PHASES.indexOf(phase) + 1}. ${PHASE_TITLES[phase]}\n`);
    }
    out.push(`${String(i + 1).padStart(width)}  ${p.method} ${p.path}${p.note ? `  # ${p.note}` : ""}\n`);
  });
  if (opts.prunePending) out.push(`# then prune: the set's stale members, listed below from the cluster\n`);
  return out.join("");
}

export function reportJson(report: ApplyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export type { ResourceResult };
