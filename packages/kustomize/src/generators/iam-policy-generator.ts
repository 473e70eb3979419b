import { isMap, parseAllDocuments, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { pluginId } from "../resource/res-id.js";
import { Resource } from "../resource/resource.js";

/** The annotation GKE Workload Identity reads to bind a Kubernetes service account to a Google one. */
const GKE_SA_ANNOTATION = "iam.gke.io/gcp-service-account";

/**
 * kustomize's built-in IAMPolicyGenerator (a `generators:` config): for `cloud: gke`, one
 * ServiceAccount named by `kubernetesService` (with its namespace, if any) annotated with the
 * Google service account `<serviceAccount.name>@<serviceAccount.projectId>.iam.gserviceaccount.com`.
 * Every other cloud is refused, as kustomize refuses it. The config's own metadata plays no part.
 */
export function generateIamPolicy(config: Resource, file: string): Resource[] {
  const c = config.obj;
  const id = pluginId(config);
  const field = (parent: string, key: string, v: YamlValue | undefined): string => {
    if (v === undefined || v === null) return "";
    if (typeof v === "string") return v;
    throw new KustomizeError(
      "GENERATOR",
      `plugin ${id} fails configuration: json: cannot unmarshal ${jsonType(v)} into Go struct field ${parent}.${key} of type string`,
      file,
    );
  };
  const section = (key: string, type: string): YamlMap => {
    const v = c[key];
    if (v === undefined || v === null) return {};
    if (isMap(v)) return v;
    throw new KustomizeError(
      "GENERATOR",
      `plugin ${id} fails configuration: json: cannot unmarshal ${jsonType(v)} into Go struct field IAMPolicyGeneratorPlugin.${key} of type types.${type}`,
      file,
    );
  };
  const cloud = field("IAMPolicyGeneratorPlugin", "cloud", c.cloud);
  const k8s = section("kubernetesService", "KubernetesService");
  const gsa = section("serviceAccount", "ServiceAccount");
  const name = field("KubernetesService", "kubernetesService.name", k8s.name);
  const namespace = field("KubernetesService", "kubernetesService.namespace", k8s.namespace);
  const gsaName = field("ServiceAccount", "serviceAccount.name", gsa.name);
  const projectId = field("ServiceAccount", "serviceAccount.projectId", gsa.projectId);

  if (cloud !== "gke") throw new KustomizeError("GENERATOR", `cloud provider ${cloud} not supported yet`, file);
  // kustomize pastes the values into a YAML template and parses it, so the values are YAML: a
  // `#` starts a comment, `123` is a number, a leading `@` (an empty service account) is an error.
  const text = [
    "apiVersion: v1",
    "kind: ServiceAccount",
    "metadata:",
    "  annotations:",
    `    ${GKE_SA_ANNOTATION}: ${gsaName}@${projectId}.iam.gserviceaccount.com`,
    `  name: ${name}`,
    "",
  ].join("\n");
  // go-yaml refuses the reserved indicators `@` and `` ` `` at the start of a plain scalar (our
  // reader is lenient there); kustomize's template has a leading blank line, hence lines 6 and 7.
  const reserved = /^[@`]/;
  if (reserved.test(gsaName || "@") || reserved.test(name)) {
    const line = reserved.test(gsaName || "@") ? 6 : 7;
    throw new KustomizeError("GENERATOR", `yaml: line ${line}: found character that cannot start any token`, file);
  }
  let docs: YamlValue[];
  try {
    docs = parseAllDocuments(text, { file });
  } catch (e) {
    throw new KustomizeError("GENERATOR", (e as Error).message, file);
  }
  const obj = docs[0];
  if (docs.length !== 1 || !isMap(obj) || !isMap(obj.metadata)) {
    throw new KustomizeError("GENERATOR", `IAMPolicyGenerator '${config.name}': the values do not make one ServiceAccount`, file);
  }
  const md = obj.metadata;
  if (md.name === null || md.name === "" || md.name === undefined) {
    const ann = isMap(md.annotations) ? md.annotations[GKE_SA_ANNOTATION] : "";
    throw new KustomizeError(
      "GENERATOR",
      `missing metadata.name in object {{v1 ServiceAccount} {{ } map[] map[${GKE_SA_ANNOTATION}:${String(ann ?? "")}]}}`,
      file,
    );
  }
  if (namespace) md.namespace = namespace;
  return [new Resource(obj)];
}

function jsonType(v: YamlValue): string {
  if (Array.isArray(v)) return "array";
  if (isMap(v)) return "object";
  return typeof v === "bigint" ? "number" : typeof v;
}
