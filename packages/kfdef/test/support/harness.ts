import { type FileSystem, MemoryFileSystem } from "@kfrender/kustomize";
import { type Builder, type RenderOptions, type RenderResult, renderKfDef } from "@kfrender/kfdef";

/** A repository held in memory at /repo (files relative to it). */
export function memoryRepo(files: Record<string, string>): FileSystem {
  const abs: Record<string, string> = {};
  for (const [p, c] of Object.entries(files)) abs[`/repo/${p}`] = c;
  const fs = new MemoryFileSystem(abs);
  fs.addDir("/repo");
  return fs;
}

export interface Captured {
  /** compDir → the kustomization.yaml the build saw. */
  kustomizations: Map<string, string>;
  /** Every file of the working copy the test asks for, read at build time. */
  read: (path: string) => string | undefined;
  builds: string[];
}

/**
 * Renders with a stand-in builder that records what the engine would have been given and returns
 * `outputs[dir]` (default: nothing). Lets generation be tested without the kustomize engine.
 */
export function renderCapturing(
  kfdef: string,
  files: Record<string, string>,
  opts: Partial<RenderOptions> & { outputs?: Record<string, string | Error> } = {},
): { result: RenderResult; captured: Captured } {
  const captured: Captured = { kustomizations: new Map(), read: () => undefined, builds: [] };
  let wfs: FileSystem | undefined;
  const builder: Builder = (dir, fs) => {
    wfs = fs;
    captured.builds.push(dir);
    const k = `${dir}/kustomization.yaml`;
    if (fs.exists(k)) captured.kustomizations.set(dir, fs.readFile(k));
    const out = opts.outputs?.[dir] ?? "";
    if (out instanceof Error) throw out;
    return { output: out, warnings: [] };
  };
  const result = renderKfDef(kfdef, { fs: memoryRepo(files), repos: { manifests: "/repo" }, builder, ...opts });
  captured.read = (p) => (wfs && wfs.exists(p) && !wfs.isDirectory(p) ? wfs.readFile(p) : undefined);
  return { result, captured };
}

/** A v1 KfDef with the `manifests` repo and the given applications (YAML list items, indented 2). */
export function kfdefYaml(apps: string, extra: { metadata?: string; spec?: string } = {}): string {
  return `apiVersion: kfdef.apps.kubeflow.org/v1
kind: KfDef
metadata:
  name: kf
  namespace: kubeflow
${extra.metadata ?? ""}spec:
  repos:
  - name: manifests
    uri: file:///nowhere
${extra.spec ?? ""}  applications:
${apps}`;
}
