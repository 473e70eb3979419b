// KfDef → its full, ordered resource set (spec §2–§8), as a pure function of the KfDef and the
// repository directories: everything kfctl wrote happens in an in-memory working copy.

import { type FileSystem, KustomizeError, build as kustomizeBuild } from "@kfrender/kustomize";
import { stringifyAll } from "@kfrender/yaml";
import { applyAirgapRegistry } from "./airgap.js";
import { annotateInstance } from "./annotate-instance.js";
import { KfDefError } from "./errors.js";
import { generateLegacy, generateStacks } from "./generate.js";
import { goJoin } from "./go-path.js";
import { type ImagePrefix, applyImagePrefixes } from "./image-prefix.js";
import { type RenderedDocument, documentKind, joinDocuments, sortByInstallOrder, splitDocuments } from "./install-order.js";
import { type KfDef, effectiveName, parseKfDef, wantsInstanceAnnotation } from "./kfdef.js";
import { stripNumericFieldSpecPaths } from "./numeric-fieldspec-paths.js";
import { WorkingCopy } from "./working-copy.js";

/** The working copy's root: kfctl's app directory, named `kubeflow` (spec §1). */
export const APP_DIR = "/kubeflow";

/**
 * Builds a directory of the working copy; must behave as
 * `kubectl kustomize --load-restrictor LoadRestrictionsNone DIR` and return its exact stdout.
 */
export type Builder = (dir: string, fs: FileSystem, env: Readonly<Record<string, string | undefined>>) => { output: string; warnings: string[] };

export const kustomizeBuilder: Builder = (dir, fs, env) => {
  const r = kustomizeBuild(dir, { fs, loadRestrictor: "LoadRestrictionsNone", env });
  return { output: stringifyAll(r.resources.map((x) => x.obj)), warnings: r.warnings };
};

export interface RenderOptions {
  /** Where the repository directories are read (never written). */
  fs: FileSystem;
  /** Repository name → its directory on `fs`. Only names listed in `spec.repos` are used (§2). */
  repos: Readonly<Record<string, string>>;
  /** §7.3: prefix every image reference with this registry (verbatim, e.g. `registry.local:5000/`). */
  airgapRegistry?: string;
  /** `SRC=DEST` rules applied to the same image fields after the airgap rule; first match wins. */
  imagePrefixes?: readonly ImagePrefix[];
  /** Stamp `kfctl.kubeflow.io/kfdef-instance`; default: whether the KfDef asks for it. */
  annotateInstance?: boolean;
  /** Values for env-file keys without `=value` (kustomize reads the process environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stop after the first failed application (kfctl's behaviour); the rest are reported as skipped. */
  stopOnError?: boolean;
  onProgress?: (event: RenderProgress) => void;
  /** The kustomize engine; replaceable for tests. */
  builder?: Builder;
}

export interface RenderProgress {
  app: string;
  /** 1-based position among the rendered (distinct) names. */
  position: number;
  total: number;
  phase: "start" | "done" | "failed";
  documents?: number;
  error?: KfDefError;
}

export type AppResult =
  | { name: string; position: number; fileName: string; ok: true; documents: RenderedDocument[]; yaml: string; warnings: string[] }
  | { name: string; position: number; fileName: string; ok: false; error: KfDefError; skipped?: boolean };

export interface RenderResult {
  kfdef: KfDef;
  mode: "legacy" | "stacks";
  /** One per distinct application name, in render order (§3). */
  applications: AppResult[];
  /** The documents of every rendered application, in order (failed ones left out). */
  documents: RenderedDocument[];
  /** The output format of §8. */
  yaml: string;
  errors: KfDefError[];
}

/** `NN-name.yaml` (§8): 1-based position zero-padded to two digits; odd characters of the name become `_`. */
export function applicationFileName(position: number, name: string): string {
  return `${String(position).padStart(2, "0")}-${name.replace(/[^A-Za-z0-9._-]/g, "_")}.yaml`;
}

function asAppError(e: unknown, app: string, code: "BUILD" | "AIRGAP"): KfDefError {
  if (e instanceof KfDefError) return e;
  const what = code === "AIRGAP" ? "airgap wrapper build failed" : "kustomize build failed";
  if (e instanceof KustomizeError) return new KfDefError(code, `application ${app}: ${what}: ${e.message}`, app, e.file, e);
  const msg = e instanceof Error ? e.message : String(e);
  return new KfDefError(code, `application ${app}: ${what}: ${msg}`, app, undefined, e);
}

/** Renders a KfDef (its text or the parsed value). Throws only for a KfDef nothing can be rendered of. */
export function renderKfDef(input: KfDef | string, opts: RenderOptions): RenderResult {
  const kfdef = typeof input === "string" ? parseKfDef(input) : input;
  const builder = opts.builder ?? kustomizeBuilder;
  const env = opts.env ?? {};
  const name = effectiveName(kfdef);
  const annotate = opts.annotateInstance ?? wantsInstanceAnnotation(kfdef);
  const fs = new WorkingCopy();

  const caches = new Set<string>();
  for (const r of kfdef.repos) {
    const dir = opts.repos[r.name];
    if (dir === undefined || caches.has(r.name)) continue;
    fs.mounts.mount(goJoin(APP_DIR, ".cache", r.name), opts.fs, dir);
    caches.add(r.name);
  }

  const stacks = kfdef.applications.some((a) => a.name === "kubeflow-apps");
  const order: string[] = [];
  for (const a of kfdef.applications) if (!order.includes(a.name)) order.push(a.name);
  const failures = new Map<string, KfDefError>();
  const fail = (app: string, e: KfDefError) => {
    if (!failures.has(app)) failures.set(app, e);
  };

  // Generate (§4/§5): every entry, duplicates included, before anything is built.
  for (const app of kfdef.applications) {
    if (opts.stopOnError && failures.size > 0) break;
    try {
      if (!caches.has("manifests")) {
        throw new KfDefError("REPO_MANIFESTS_MISSING", `application ${app.name}: Repo manifests not listed in KfDef.Status (give its directory, e.g. --repo manifests=DIR)`, app.name);
      }
      const kc = app.kustomizeConfig;
      if (!kc) throw new KfDefError("APP_NO_KUSTOMIZE_CONFIG", `application ${app.name} is missing kustomizeConfig`, app.name);
      if (!caches.has(kc.repoRef.name)) {
        throw new KfDefError(
          "APP_REPO_MISSING",
          `application ${app.name} refers to repo "${kc.repoRef.name}" which has no directory${kfdef.repos.some((r) => r.name === kc.repoRef.name) ? "" : " (not listed in spec.repos)"}`,
          app.name,
        );
      }
      const input = {
        fs,
        appDir: APP_DIR,
        compDir: goJoin(APP_DIR, "kustomize", app.name),
        appPath: goJoin(APP_DIR, ".cache", kc.repoRef.name, kc.repoRef.path),
        app,
        kfdef: { name, namespace: kfdef.namespace, project: kfdef.project, apiVersion: kfdef.apiVersion },
      };
      if (stacks) generateStacks(input);
      else generateLegacy(input);
    } catch (e) {
      if (!(e instanceof KfDefError)) throw e;
      fail(app.name, e);
    }
  }

  const applications: AppResult[] = [];
  const documents: RenderedDocument[] = [];
  const total = order.length;
  let stop = opts.stopOnError === true && failures.size > 0;
  order.forEach((app, i) => {
    const position = i + 1;
    const fileName = applicationFileName(position, app);
    const known = failures.get(app);
    if (known || stop) {
      const error = known ?? new KfDefError("BUILD", `application ${app}: not rendered (an earlier application failed)`, app);
      applications.push({ name: app, position, fileName, ok: false, error, ...(known ? {} : { skipped: true }) });
      if (known) opts.onProgress?.({ app, position, total, phase: "failed", error });
      stop ||= opts.stopOnError === true;
      return;
    }
    opts.onProgress?.({ app, position, total, phase: "start" });
    const compDir = goJoin(APP_DIR, "kustomize", app);
    const warnings: string[] = [];
    const run = (dir: string, code: "BUILD" | "AIRGAP"): string => {
      try {
        const r = builder(dir, fs, env);
        warnings.push(...r.warnings);
        return r.output;
      } catch (e) {
        throw asAppError(e, app, code);
      }
    };
    try {
      stripNumericFieldSpecPaths(fs, compDir);
      let output = run(compDir, "BUILD");
      if (opts.airgapRegistry !== undefined) output = applyAirgapRegistry(fs, compDir, output, opts.airgapRegistry, (d) => run(d, "AIRGAP"));
      let texts = splitDocuments(output);
      if (opts.imagePrefixes && opts.imagePrefixes.length > 0) texts = texts.map((t) => applyImagePrefixes(t, opts.imagePrefixes!));
      if (annotate) texts = texts.map((t) => annotateInstance(t, `${name}.${kfdef.namespace}`));
      const docs = sortByInstallOrder(texts.map((text) => ({ kind: documentKind(text), text })));
      documents.push(...docs);
      applications.push({ name: app, position, fileName, ok: true, documents: docs, yaml: joinDocuments(docs), warnings });
      opts.onProgress?.({ app, position, total, phase: "done", documents: docs.length });
    } catch (e) {
      const error = asAppError(e, app, "BUILD");
      applications.push({ name: app, position, fileName, ok: false, error });
      opts.onProgress?.({ app, position, total, phase: "failed", error });
      stop ||= opts.stopOnError === true;
    }
  });

  return {
    kfdef,
    mode: stacks ? "stacks" : "legacy",
    applications,
    documents,
    yaml: joinDocuments(documents),
    errors: applications.filter((a): a is Extract<AppResult, { ok: false }> => !a.ok && !a.skipped).map((a) => a.error),
  };
}
