import type { FieldSpec } from "../types/kustomization.js";
import { at } from "./field-spec-data.js";

const CONTAINER_FIELDS = ["args", "command", "env/value", "volumeMounts/mountPath"];

/** `containers`/`initContainers` var-bearing fields under a pod spec. */
function containers(prefix: string, kind: string): FieldSpec[] {
  return [
    ...CONTAINER_FIELDS.map((f) => at(`${prefix}containers/${f}`, { kind })),
    ...CONTAINER_FIELDS.map((f) => at(`${prefix}initContainers/${f}`, { kind })),
  ];
}

/** The container fields, then the pod's NFS volume server. */
function podSpec(prefix: string, kind: string): FieldSpec[] {
  return [...containers(prefix, kind), at(`${prefix}volumes/nfs/server`, { kind })];
}

/**
 * kustomize v5.5's default `varReference` table: where `$(VAR)` is substituted. (Checked with
 * kubectl: a CronJob's NFS server is substituted only at kustomize's misspelt path, without the
 * pod template's `spec/`; a Deployment's pod-template annotations are substituted.)
 */
export const VAR_REFERENCE_FIELD_SPECS: readonly FieldSpec[] = [
  ...containers("spec/jobTemplate/spec/template/spec/", "CronJob"),
  at("spec/jobTemplate/spec/template/volumes/nfs/server", { kind: "CronJob" }),
  ...podSpec("spec/template/spec/", "DaemonSet"),
  ...podSpec("spec/template/spec/", "Deployment"),
  at("spec/template/metadata/annotations", { kind: "Deployment" }),
  at("spec/rules/host", { kind: "Ingress" }),
  at("spec/tls/hosts", { kind: "Ingress" }),
  at("spec/tls/secretName", { kind: "Ingress" }),
  ...podSpec("spec/template/spec/", "Job"),
  ...podSpec("spec/", "Pod"),
  ...podSpec("spec/template/spec/", "ReplicaSet"),
  at("spec/ports/port", { kind: "Service" }),
  at("spec/ports/targetPort", { kind: "Service" }),
  ...containers("spec/template/spec/", "StatefulSet"),
  at("spec/volumeClaimTemplates/spec/nfs/server", { kind: "StatefulSet" }),
  at("spec/nfs/server", { kind: "PersistentVolume" }),
  at("metadata/labels"),
  at("metadata/annotations"),
];
