// kfctl's generate step for one application (spec §4, §5): writes compDir/kustomization.yaml into
// the working copy; legacy mode also copies the application and edits its params.env files.

import { posix } from "node:path";
import { KfDefError } from "./errors.js";
import { isGoMap, readFirstDocument } from "./go-yaml.js";
import { goJoin } from "./go-path.js";
import { hasNonFinite } from "./go-decode.js";
import type { KfApplication } from "./kfdef.js";
import { type KustomizationV3, type PatchJson6902V3, readKustomizationV3, writeKustomizationV3 } from "./kustomization-v3.js";
import { type MergeContext, emptyKustomization, mergeKustomization, newMergeState } from "./merge-kustomization.js";
import type { ParamsEnvContext } from "./params-env.js";
import type { WorkingCopy } from "./working-copy.js";

export interface GenerateInput {
  fs: WorkingCopy;
  /** The working copy's root (kfctl's app directory). */
  appDir: string;
  /** APPDIR/kustomize/<name>. */
  compDir: string;
  /** join(APPDIR/.cache/<repo>, repoRef.path). */
  appPath: string;
  app: KfApplication;
  /** KfDef values for params.env and the namespace default. */
  kfdef: { name: string; namespace: string; project: string; apiVersion: string };
}

function readIfParses(fs: WorkingCopy, file: string): KustomizationV3 | undefined {
  if (!fs.exists(file) || fs.isDirectory(file)) return undefined;
  const r = readKustomizationV3(fs.readFile(file));
  return r.ok ? r.value : undefined;
}

/** Stacks mode (§4): compDir/kustomization.yaml lists the stack; nothing of the repository changes. */
export function generateStacks(input: GenerateInput): void {
  const { fs, compDir, appDir, appPath, app } = input;
  const file = goJoin(compDir, "kustomization.yaml");
  let k: KustomizationV3 = {};
  if (fs.exists(file)) {
    const r = readKustomizationV3(fs.readFile(file));
    if (!r.ok) throw new KfDefError("KUSTOMIZATION_UNPARSABLE", `application ${app.name}: cannot read ${file}: ${r.reason}`, app.name, file);
    k = r.value;
  }
  k.apiVersion = "kustomize.config.k8s.io/v1beta1";
  k.kind = "Kustomization";
  const entry = goJoin("../..", posix.relative(appDir, appPath));
  if (!(k.resources ?? []).includes(entry)) (k.resources ??= []).push(entry);
  fs.writeFile(file, writeKustomizationV3(k));
}

/** Legacy mode (§5). */
export function generateLegacy(input: GenerateInput): void {
  const { fs, compDir, appPath, app } = input;
  const name = app.name;
  const kc = app.kustomizeConfig!;
  if (!fs.isDirectory(appPath)) {
    throw new KfDefError("APP_PATH_MISSING", `application ${name}: ${kc.repoRef.path || "(repository root)"} is not a directory of repository ${kc.repoRef.name}`, name);
  }
  fs.copyTree(appPath, compDir);

  const params: ParamsEnvContext = {
    parameters: kc.parameters,
    name: input.kfdef.name,
    namespace: input.kfdef.namespace,
    project: input.kfdef.project,
  };
  const ctx: MergeContext = { fs, compDir, app: name, params };
  const state = newMergeState();
  let k = emptyKustomization();

  const baseDir = goJoin(compDir, "base");
  const base = readIfParses(fs, goJoin(baseDir, "kustomization.yaml"));
  const alone = base === undefined ? readIfParses(fs, goJoin(compDir, "kustomization.yaml")) : undefined;
  if (alone !== undefined) {
    // kfctl returns compDir's own kustomization untouched (re-serialized through the v3 schema).
    k = alone;
  } else {
    if (base !== undefined) mergeKustomization(ctx, baseDir, base, k, state);
    for (const p of kc.parameters) if (p.name === "namespace") k.namespace = p.value;
    for (const o of kc.overlays) {
      const dir = goJoin(compDir, "overlays", o);
      if (!fs.exists(dir)) {
        throw new KfDefError("OVERLAY_MISSING", `application ${name}: no overlay ${o} for component at ${compDir}`, name, dir);
      }
      const file = goJoin(dir, "kustomization.yaml");
      const child = readIfParses(fs, file);
      if (child === undefined) {
        const why = fs.exists(file) ? readKustomizationV3(fs.readFile(file)) : undefined;
        const reason = why && !why.ok ? why.reason : "missing";
        throw new KfDefError("KUSTOMIZATION_UNPARSABLE", `application ${name}: overlay ${o}: cannot read ${file}: ${reason}`, name, file);
      }
      mergeKustomization(ctx, dir, child, k, state);
    }
    if (k.patchesJson6902 && k.patchesJson6902.length > 0) k.patchesJson6902 = aggregateJsonPatches(fs, compDir, k.patchesJson6902, name);
  }

  if (!k.namespace) k.namespace = input.kfdef.namespace;
  if (k.patchesStrategicMerge && k.patchesStrategicMerge.length > 0) checkPatchBase(fs, compDir, k.patchesStrategicMerge[0]!, input.kfdef.apiVersion, name);
  fs.writeFile(goJoin(compDir, "kustomization.yaml"), writeKustomizationV3(k));
}

/**
 * §5.3: one patch file per target (`<name>-<kind>.yaml`, the group's files concatenated), groups in
 * order of first appearance; missing files are skipped (the build then reports the empty patch).
 */
export function aggregateJsonPatches(fs: WorkingCopy, compDir: string, patches: PatchJson6902V3[], app: string): PatchJson6902V3[] {
  const groups = new Map<string, PatchJson6902V3[]>();
  for (const p of patches) {
    const key = `${p.target?.name ?? ""}-${p.target?.kind ?? ""}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: PatchJson6902V3[] = [];
  for (const [key, entries] of groups) {
    const file = goJoin(compDir, `${key}.yaml`);
    for (const e of entries) {
      const src = goJoin(compDir, e.path ?? "");
      if (!fs.exists(src)) continue;
      if (fs.isDirectory(src)) throw new KfDefError("PATH_REWRITE", `application ${app}: read ${src}: is a directory`, app, src);
      const data = fs.readFileBytes(src);
      const before = fs.exists(file) ? fs.readFileBytes(file) : new Uint8Array(0);
      const joined = new Uint8Array(before.length + data.length);
      joined.set(before, 0);
      joined.set(data, before.length);
      fs.writeFile(file, joined);
    }
    const t = entries[0]!.target ?? {};
    out.push({ path: `${key}.yaml`, target: { group: t.group, version: t.version, kind: t.kind, namespace: t.namespace, name: t.name } });
  }
  return out;
}

/** §5 step 4: kfctl read the base copy of the first strategic-merge patch as an object with a kind. */
function checkPatchBase(fs: WorkingCopy, compDir: string, first: string, kfdefApiVersion: string, app: string): void {
  const file = goJoin(compDir, "base", posix.basename(first));
  const fail = (why: string) => {
    throw new KfDefError("PATCH_BASE", `application ${app}: patchesStrategicMerge: ${file}: ${why}`, app, file);
  };
  if (!fs.exists(file) || fs.isDirectory(file)) fail("no such file");
  let doc;
  try {
    doc = readFirstDocument(fs.readFile(file));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (!isGoMap(doc ?? null) || hasNonFinite(doc!)) return fail("not a Kubernetes object");
  const m = doc as Map<string, unknown>;
  const kind = m.get("kind");
  if (typeof kind !== "string" || kind === "") fail("Object 'Kind' is missing");
  if (m.get("apiVersion") === kfdefApiVersion) fail("merging KfDef packages is not supported");
}
