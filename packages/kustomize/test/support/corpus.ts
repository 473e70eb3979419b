import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type LoadRestrictor, buildToYaml } from "@kfrender/kustomize";
import { NodeFileSystem } from "../../../cli/src/node-fs.js";

export interface CorpusCase {
  name: string;
  dir: string;
  restrictor: LoadRestrictor;
  /** sha256 of the reference output, or null where the reference refuses the case. */
  sha256: string | null;
}

export interface CaseResult {
  name: string;
  pass: boolean;
  detail: string;
}

const nodeFs = new NodeFileSystem();

/** Builds one case in-process and compares with the reference by hash. */
export function runCase(c: CorpusCase): CaseResult {
  let out: string;
  try {
    out = buildToYaml(c.dir, { fs: nodeFs, loadRestrictor: c.restrictor, env: {} });
  } catch (e) {
    return { name: c.name, pass: c.sha256 === null, detail: (e as Error).message.split("\n")[0] ?? "" };
  }
  if (c.sha256 === null) return { name: c.name, pass: false, detail: "reference fails here; we built it" };
  const sha = createHash("sha256").update(out).digest("hex");
  return { name: c.name, pass: sha === c.sha256, detail: sha === c.sha256 ? "" : "output differs" };
}

/** The baseline: cases known to pass, one name a line. A listed case that fails is a regression. */
export function readBaseline(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return new Set(fs.readFileSync(file, "utf8").split("\n").filter(Boolean));
}

export function writeBaseline(file: string, results: CaseResult[]): void {
  const names = results.filter((r) => r.pass).map((r) => r.name).sort();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, names.join("\n") + "\n");
}
