// KfDef (kfdef.apps.kubeflow.org/v1 and v1beta1) as far as rendering uses it (spec §1), read the
// way kfctl read it: first document only, yaml.v2 typing, ghodss string conversion.

import { type Schema, DecodeError, decode, hasNonFinite } from "./go-decode.js";
import { type GoValue, GoYamlError, isGoMap, readFirstDocument } from "./go-yaml.js";
import { KfDefError } from "./errors.js";

export const KFDEF_API_VERSIONS = ["kfdef.apps.kubeflow.org/v1", "kfdef.apps.kubeflow.org/v1beta1"] as const;
export type KfDefApiVersion = (typeof KFDEF_API_VERSIONS)[number];

/** The annotation that makes kfctl (the operator) stamp every resource with its KfDef instance. */
export const SET_KUBEFLOW_ANNOTATION = "kfctl.kubeflow.io/set-kubeflow-annotation";

export interface KfParameter {
  name: string;
  value: string;
}

export interface KustomizeConfig {
  repoRef: { name: string; path: string };
  overlays: string[];
  parameters: KfParameter[];
}

export interface KfApplication {
  name: string;
  /** Absent when the application has no kustomizeConfig (it then fails to render). */
  kustomizeConfig?: KustomizeConfig;
}

export interface KfDef {
  apiVersion: KfDefApiVersion;
  /** `metadata.name`; "" when absent (rendering then uses `kubeflow`, see `effectiveName`). */
  name: string;
  /** `metadata.namespace`; no default. */
  namespace: string;
  annotations: Record<string, string>;
  applications: KfApplication[];
  /** `spec.repos[].name`, first entry per name, in order. */
  repos: { name: string; uri: string }[];
  /** `spec.project` of the first KfGcpPlugin plugin, else "". */
  project: string;
}

const str: Schema = { t: "string" };
/** metav1.TypeMeta is embedded: its fields get no scalar → string conversion. */
const embeddedStr: Schema = { t: "string", coerce: false };

const KFDEF_SCHEMA: Schema = {
  t: "struct",
  fields: {
    apiVersion: embeddedStr,
    kind: embeddedStr,
    metadata: { t: "struct", fields: { name: str, namespace: str, annotations: { t: "map" } } },
    spec: {
      t: "struct",
      fields: {
        applications: {
          t: "list",
          of: {
            t: "struct",
            fields: {
              name: str,
              kustomizeConfig: {
                t: "struct",
                ptr: true,
                fields: {
                  repoRef: { t: "struct", ptr: true, fields: { name: str, path: str } },
                  overlays: { t: "list", of: str },
                  parameters: { t: "list", of: { t: "struct", fields: { name: str, value: str } } },
                },
              },
            },
          },
        },
        repos: { t: "list", of: { t: "struct", fields: { name: str, uri: str } } },
        plugins: { t: "list", of: { t: "struct", fields: { kind: embeddedStr, spec: { t: "raw" } } } },
      },
    },
  },
};

const PLUGIN_SPEC: Schema = { t: "struct", fields: { project: str } };

interface RawKfDef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: {
    applications?: {
      name: string;
      kustomizeConfig?: {
        repoRef?: { name: string; path: string };
        overlays?: string[];
        parameters?: KfParameter[];
      };
    }[];
    repos?: { name: string; uri: string }[];
    plugins?: { kind: string; spec: GoValue | undefined }[];
  };
}

/**
 * Parses a KfDef. Throws KfDefError: KFDEF_INVALID (not YAML, wrong types), KFDEF_API_VERSION
 * (anything but v1/v1beta1 — nothing can be rendered), APP_NO_NAME (a v1 application without name).
 */
export function parseKfDef(text: string, file?: string): KfDef {
  const where = file ?? "KfDef";
  let doc: GoValue;
  try {
    doc = readFirstDocument(text);
  } catch (e) {
    if (e instanceof GoYamlError) throw new KfDefError("KFDEF_INVALID", `${where}: ${e.message}`, undefined, file);
    throw e;
  }
  if (!isGoMap(doc)) throw new KfDefError("KFDEF_INVALID", `${where}: not a KfDef (the first YAML document is not a mapping)`, undefined, file);
  if (hasNonFinite(doc)) throw new KfDefError("KFDEF_INVALID", `${where}: NaN or infinite numbers cannot be read`, undefined, file);
  let raw: RawKfDef;
  try {
    raw = decode(doc, KFDEF_SCHEMA, "", true, undefined, true) as unknown as RawKfDef;
  } catch (e) {
    if (e instanceof DecodeError) throw new KfDefError("KFDEF_INVALID", `${where}: ${e.message}`, undefined, file);
    throw e;
  }
  const apiVersion = raw.apiVersion ?? "";
  if (!(KFDEF_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw new KfDefError(
      "KFDEF_API_VERSION",
      `${where}: unsupported apiVersion "${apiVersion}" (expected ${KFDEF_API_VERSIONS.join(" or ")}); nothing rendered`,
      undefined,
      file,
    );
  }
  const applications: KfApplication[] = (raw.spec.applications ?? []).map((a, i) => {
    if (apiVersion === "kfdef.apps.kubeflow.org/v1" && a.name === "") {
      throw new KfDefError("APP_NO_NAME", `${where}: spec.applications[${i}] has no name; nothing rendered`, `#${i}`, file);
    }
    const app: KfApplication = { name: a.name };
    const kc = a.kustomizeConfig;
    if (kc) {
      app.kustomizeConfig = {
        repoRef: { name: kc.repoRef?.name ?? "", path: kc.repoRef?.path ?? "" },
        overlays: kc.overlays ?? [],
        parameters: (kc.parameters ?? []).map((p) => ({ name: p.name, value: p.value })),
      };
    }
    return app;
  });
  const repos: { name: string; uri: string }[] = [];
  for (const r of raw.spec.repos ?? []) if (!repos.some((x) => x.name === r.name)) repos.push({ name: r.name, uri: r.uri });
  let project = "";
  const gcp = (raw.spec.plugins ?? []).find((p) => p.kind === "KfGcpPlugin");
  if (gcp && gcp.spec !== undefined && gcp.spec !== null) {
    try {
      project = (decode(gcp.spec, PLUGIN_SPEC, "", true, undefined, true) as { project: string }).project;
    } catch (e) {
      if (e instanceof DecodeError) throw new KfDefError("KFDEF_INVALID", `${where}: KfGcpPlugin spec.${e.message}`, undefined, file);
      throw e;
    }
  }
  return {
    apiVersion: apiVersion as KfDefApiVersion,
    name: raw.metadata.name,
    namespace: raw.metadata.namespace,
    annotations: { ...(raw.metadata.annotations ?? {}) },
    applications,
    repos,
    project,
  };
}

/** The KfDef's name as kfctl used it: metadata.name, else the app directory's name (`kubeflow`). */
export function effectiveName(k: KfDef): string {
  return k.name === "" ? "kubeflow" : k.name;
}

/** Whether the KfDef asks for the instance annotation (operator deployments). */
export function wantsInstanceAnnotation(k: KfDef): boolean {
  return k.annotations[SET_KUBEFLOW_ANNOTATION] === "true";
}
