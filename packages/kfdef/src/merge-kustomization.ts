// kfctl's MergeKustomization (spec §5.1): folds one kustomization (the base or an overlay, in
// directory T) into the application's kustomization K, rewriting its paths relative to compDir.

import { KfDefError } from "./errors.js";
import { extractSuffix, goJoin } from "./go-path.js";
import type { GeneratorArgsV3, KustomizationV3, SecretArgsV3 } from "./kustomization-v3.js";
import { type ParamsEnvContext, updateParamsEnv } from "./params-env.js";
import type { WorkingCopy } from "./working-copy.js";

export interface MergeContext {
  fs: WorkingCopy;
  compDir: string;
  app: string;
  params: ParamsEnvContext;
}

/** What has been added to K so far, per field (kfctl's kustomizationMaps). */
export interface MergeState {
  configMapNames: Set<string>;
  secretNames: Set<string>;
  jsonPatchKeys: Set<string>;
}

export function newMergeState(): MergeState {
  return { configMapNames: new Set(), secretNames: new Set(), jsonPatchKeys: new Set() };
}

export function emptyKustomization(): KustomizationV3 {
  return { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization" };
}

function pushUnique(list: string[] | undefined, v: string): string[] {
  const l = list ?? [];
  if (!l.includes(v)) l.push(v);
  return l;
}

export function mergeKustomization(ctx: MergeContext, targetDir: string, child: KustomizationV3, k: KustomizationV3, state: MergeState): void {
  const { fs, compDir, app } = ctx;
  /** rel(T, p) of the specification: the path as seen from compDir, kfctl's string surgery. */
  const rel = (p: string, field: string): string => {
    const r = extractSuffix(compDir, goJoin(targetDir, p));
    if (r === undefined) {
      throw new KfDefError("PATH_REWRITE", `application ${app}: ${field} entry "${p}" of ${targetDir}/kustomization.yaml cannot be made relative to ${compDir}`, app, `${targetDir}/kustomization.yaml`);
    }
    return r;
  };

  const paramsFile = goJoin(targetDir, "params.env");
  if (fs.exists(paramsFile)) {
    if (fs.isDirectory(paramsFile)) {
      throw new KfDefError("PATH_REWRITE", `application ${app}: could not open ${paramsFile}: is a directory`, app, paramsFile);
    }
    fs.writeFile(paramsFile, updateParamsEnv(fs.readFile(paramsFile), ctx.params));
  }

  if (child.bases === undefined) {
    k.bases = pushUnique(k.bases, rel("", "bases"));
    return;
  }
  for (const b of child.bases) k.bases = pushUnique(k.bases, rel(b, "bases"));

  if (child.namePrefix && !k.namePrefix) k.namePrefix = child.namePrefix;
  if (child.nameSuffix && !k.nameSuffix) k.nameSuffix = child.nameSuffix;
  if (child.commonLabels) k.commonLabels = Object.assign(k.commonLabels ?? Object.create(null), child.commonLabels);
  if (child.commonAnnotations) k.commonAnnotations = Object.assign(k.commonAnnotations ?? Object.create(null), child.commonAnnotations);
  if (child.generatorOptions && !k.generatorOptions) k.generatorOptions = child.generatorOptions;
  for (const r of child.resources ?? []) k.resources = pushUnique(k.resources, rel(r, "resources"));
  for (const img of child.images ?? []) {
    const images = (k.images ??= []);
    if (!images.some((i) => (i.name ?? "") === (img.name ?? ""))) images.push(img);
  }
  for (const c of child.crds ?? []) k.crds = pushUnique(k.crds, c);

  const args = (a: GeneratorArgsV3): GeneratorArgsV3 => {
    const out: GeneratorArgsV3 = {};
    if (a.envs && a.envs.length > 0) out.envs = a.envs.map((e) => rel(e, "envs"));
    if (a.env) out.env = rel(a.env, "env");
    // kfctl's loop leaves the last file as an env source (a `key=path` entry included).
    if (a.files && a.files.length > 0) out.env = rel(a.files[a.files.length - 1]!, "files");
    if (a.literals && a.literals.length > 0) out.literals = [...a.literals];
    return out;
  };

  for (const c of child.configMapGenerator ?? []) {
    const entry: GeneratorArgsV3 = { name: c.name ?? "", namespace: c.namespace ?? "", ...args(c) };
    const name = c.name ?? "";
    const behavior = c.behavior ?? "";
    if (behavior === "create") {
      if (state.configMapNames.has(name)) continue;
    } else {
      entry.behavior = behavior === "merge" || behavior === "replace" ? behavior : "unspecified";
    }
    (k.configMapGenerator ??= []).push(entry);
    state.configMapNames.add(name);
  }

  for (const s of child.secretGenerator ?? []) {
    const { envs: _e, env: _v, files: _f, literals: _l, ...rest } = s;
    const entry: SecretArgsV3 = { ...rest, ...args(s) };
    const name = s.name ?? "";
    const behavior = s.behavior ?? "";
    if (behavior === "create") {
      if (state.secretNames.has(name)) continue;
    } else if (behavior !== "merge" && behavior !== "replace") {
      entry.behavior = "unspecified";
    }
    (k.secretGenerator ??= []).push(entry);
    state.secretNames.add(name);
  }

  for (const v of child.vars ?? []) {
    const vars = (k.vars ??= []);
    if (!vars.some((x) => (x.name ?? "") === (v.name ?? ""))) vars.push(v);
  }
  for (const p of child.patchesStrategicMerge ?? []) k.patchesStrategicMerge = pushUnique(k.patchesStrategicMerge, rel(p, "patchesStrategicMerge"));
  for (const p of child.patchesJson6902 ?? []) {
    if (!p.target) {
      throw new KfDefError("PATH_REWRITE", `application ${app}: a patchesJson6902 entry of ${targetDir}/kustomization.yaml has no target`, app, `${targetDir}/kustomization.yaml`);
    }
    const path = rel(p.path ?? "", "patchesJson6902");
    const key = `${path}-${p.target.name ?? ""}`;
    if (state.jsonPatchKeys.has(key)) continue;
    state.jsonPatchKeys.add(key);
    (k.patchesJson6902 ??= []).push({ target: p.target, path });
  }
  for (const c of child.configurations ?? []) k.configurations = pushUnique(k.configurations, rel(c, "configurations"));
}
