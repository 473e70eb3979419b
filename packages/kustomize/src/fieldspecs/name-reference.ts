import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";
import type { NameBackReference } from "./transformer-config.js";

type Sel = { group?: string; version?: string; kind: string };

/** The same relative paths, each under `prefix`, for one referrer kind (kept in table order). */
function under(prefix: string, sel: Sel, paths: readonly string[]): FieldSpec[] {
  return paths.map((p) => at(prefix + p, sel));
}

const POD_CONFIGMAP_REFS = [
  "volumes/configMap/name",
  "containers/env/valueFrom/configMapKeyRef/name",
  "initContainers/env/valueFrom/configMapKeyRef/name",
  "containers/envFrom/configMapRef/name",
  "initContainers/envFrom/configMapRef/name",
  "volumes/projected/sources/configMap/name",
];
const CRONJOB_CONFIGMAP_REFS = [
  "volumes/configMap/name",
  "volumes/projected/sources/configMap/name",
  "containers/env/valueFrom/configMapKeyRef/name",
  "initContainers/env/valueFrom/configMapKeyRef/name",
  "containers/envFrom/configMapRef/name",
  "initContainers/envFrom/configMapRef/name",
];
const POD_SECRET_REFS = [
  "volumes/secret/secretName",
  "containers/env/valueFrom/secretKeyRef/name",
  "initContainers/env/valueFrom/secretKeyRef/name",
  "containers/envFrom/secretRef/name",
  "initContainers/envFrom/secretRef/name",
  "imagePullSecrets/name",
  "volumes/projected/sources/secret/name",
];
const CRONJOB_SECRET_REFS = [
  "volumes/secret/secretName",
  "volumes/projected/sources/secret/name",
  "containers/env/valueFrom/secretKeyRef/name",
  "initContainers/env/valueFrom/secretKeyRef/name",
  "containers/envFrom/secretRef/name",
  "initContainers/envFrom/secretRef/name",
  "imagePullSecrets/name",
];
const TEMPLATED_WORKLOADS = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"];
const POD = "spec/";
const TEMPLATE = "spec/template/spec/";
const JOB_TEMPLATE = "spec/jobTemplate/spec/template/spec/";
const KNATIVE_SERVICE = { group: "serving.knative.dev", version: "v1", kind: "Service" };
const RBAC = "rbac.authorization.k8s.io";

/** Kinds whose pod template holds `path`, in the order kustomize lists them for that reference. */
function podTemplates(path: string, kinds: readonly string[]): FieldSpec[] {
  return kinds.map((kind) => {
    if (kind === "Pod") return at(POD + path, { kind });
    if (kind === "CronJob") return at(JOB_TEMPLATE + path, { kind });
    return at(TEMPLATE + path, { kind });
  });
}

/**
 * kustomize's default `nameReference` table: for each kind that others refer to by name, the
 * referrer fields. A path may end at a scalar (the name), at a map with `name`/`namespace`
 * (webhook services, RBAC subjects) or at a list of either.
 */
export const NAME_REFERENCE_BACK_REFS: readonly NameBackReference[] = [
  { kind: "Deployment", fieldSpecs: [at("spec/scaleTargetRef/name", { kind: "HorizontalPodAutoscaler" })] },
  { kind: "ReplicationController", fieldSpecs: [at("spec/scaleTargetRef/name", { kind: "HorizontalPodAutoscaler" })] },
  { kind: "ReplicaSet", fieldSpecs: [at("spec/scaleTargetRef/name", { kind: "HorizontalPodAutoscaler" })] },
  { kind: "StatefulSet", fieldSpecs: [at("spec/scaleTargetRef/name", { kind: "HorizontalPodAutoscaler" })] },
  {
    kind: "ConfigMap",
    version: "v1",
    fieldSpecs: [
      ...under(POD, { version: "v1", kind: "Pod" }, POD_CONFIGMAP_REFS),
      ...TEMPLATED_WORKLOADS.flatMap((kind) => under(TEMPLATE, { kind }, POD_CONFIGMAP_REFS)),
      ...under(JOB_TEMPLATE, { kind: "CronJob" }, CRONJOB_CONFIGMAP_REFS),
      at("spec/configSource/configMap", { kind: "Node" }),
      at("rules/resourceNames", { kind: "Role" }),
      at("rules/resourceNames", { kind: "ClusterRole" }),
      at("metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap", { kind: "Ingress" }),
    ],
  },
  {
    kind: "Secret",
    version: "v1",
    fieldSpecs: [
      ...under(POD, { version: "v1", kind: "Pod" }, POD_SECRET_REFS),
      ...TEMPLATED_WORKLOADS.flatMap((kind) => under(TEMPLATE, { kind }, POD_SECRET_REFS)),
      ...under(JOB_TEMPLATE, { kind: "CronJob" }, CRONJOB_SECRET_REFS),
      at("spec/tls/secretName", { kind: "Ingress" }),
      at("metadata/annotations/ingress.kubernetes.io\\/auth-secret", { kind: "Ingress" }),
      at("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", { kind: "Ingress" }),
      at("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret", { kind: "Ingress" }),
      at("spec/tls/secretName", { kind: "Ingress" }),
      at("imagePullSecrets/name", { kind: "ServiceAccount" }),
      at("parameters/secretName", { kind: "StorageClass" }),
      at("parameters/adminSecretName", { kind: "StorageClass" }),
      at("parameters/userSecretName", { kind: "StorageClass" }),
      at("parameters/secretRef", { kind: "StorageClass" }),
      at("rules/resourceNames", { kind: "Role" }),
      at("rules/resourceNames", { kind: "ClusterRole" }),
      at("spec/template/spec/containers/env/valueFrom/secretKeyRef/name", KNATIVE_SERVICE),
      at("spec/azureFile/secretName", { kind: "PersistentVolume" }),
    ],
  },
  {
    kind: "Service",
    version: "v1",
    fieldSpecs: [
      at("spec/serviceName", { group: "apps", kind: "StatefulSet" }),
      at("spec/rules/http/paths/backend/serviceName", { kind: "Ingress" }),
      at("spec/backend/serviceName", { kind: "Ingress" }),
      at("spec/rules/http/paths/backend/service/name", { kind: "Ingress" }),
      at("spec/defaultBackend/service/name", { kind: "Ingress" }),
      at("spec/service/name", { group: "apiregistration.k8s.io", kind: "APIService" }),
      at("webhooks/clientConfig/service", { group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration" }),
      at("webhooks/clientConfig/service", { group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration" }),
    ],
  },
  { kind: "Role", group: RBAC, fieldSpecs: [at("roleRef/name", { group: RBAC, kind: "RoleBinding" })] },
  {
    kind: "ClusterRole",
    group: RBAC,
    fieldSpecs: [at("roleRef/name", { group: RBAC, kind: "RoleBinding" }), at("roleRef/name", { group: RBAC, kind: "ClusterRoleBinding" })],
  },
  {
    kind: "ServiceAccount",
    version: "v1",
    fieldSpecs: [
      at("subjects", { group: RBAC, kind: "RoleBinding" }),
      at("subjects", { group: RBAC, kind: "ClusterRoleBinding" }),
      ...podTemplates("serviceAccountName", ["Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet"]),
    ],
  },
  {
    kind: "PersistentVolumeClaim",
    version: "v1",
    fieldSpecs: podTemplates("volumes/persistentVolumeClaim/claimName", [
      "Pod",
      "StatefulSet",
      "Deployment",
      "ReplicationController",
      "CronJob",
      "Job",
      "DaemonSet",
    ]),
  },
  {
    kind: "PersistentVolume",
    version: "v1",
    fieldSpecs: [at("spec/volumeName", { kind: "PersistentVolumeClaim" }), at("rules/resourceNames", { kind: "ClusterRole" })],
  },
  {
    kind: "StorageClass",
    version: "v1",
    group: "storage.k8s.io",
    fieldSpecs: [
      at("spec/storageClassName", { kind: "PersistentVolume" }),
      at("spec/storageClassName", { kind: "PersistentVolumeClaim" }),
      at("spec/volumeClaimTemplates/spec/storageClassName", { kind: "StatefulSet" }),
    ],
  },
  {
    kind: "PriorityClass",
    version: "v1",
    group: "scheduling.k8s.io",
    fieldSpecs: podTemplates("priorityClassName", ["Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet"]),
  },
  {
    kind: "ValidatingAdmissionPolicy",
    group: "admissionregistration.k8s.io",
    fieldSpecs: [at("spec/policyName", { group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicyBinding" })],
  },
  // kustomize spells this group with its version, so it never matches a real IngressClass.
  { kind: "IngressClass", version: "v1", group: "networking.k8s.io/v1", fieldSpecs: [at("spec/ingressClassName", { kind: "Ingress" })] },
];
