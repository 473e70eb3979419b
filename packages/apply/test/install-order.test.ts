import { PHASES, orderForApply, phaseOf, refOf, uninstallRank } from "@kfrender/apply";
import type { YamlMap } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): YamlMap => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
const order = (objects: YamlMap[]) => orderForApply(objects, objects.map((o, i) => refOf(o, i))).map((o) => `${o.ref.kind}/${o.ref.name}`);

describe("install order", () => {
  it("puts Namespaces and CRDs first, cluster RBAC next, the rest, webhooks and APIServices last", () => {
    const input = [
      obj("apiregistration.k8s.io/v1", "APIService", "v1.metrics"),
      obj("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "vw"),
      obj("example.com/v1", "Widget", "w", "ns"),
      obj("apps/v1", "Deployment", "d", "ns"),
      obj("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "mw"),
      obj("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "crb"),
      obj("v1", "Service", "s", "ns"),
      obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
      obj("rbac.authorization.k8s.io/v1", "ClusterRole", "cr"),
      obj("v1", "ConfigMap", "c", "ns"),
      obj("v1", "Secret", "sec", "ns"),
      obj("v1", "Namespace", "ns"),
      obj("v1", "ServiceAccount", "sa", "ns"),
      obj("rbac.authorization.k8s.io/v1", "RoleBinding", "rb", "ns"),
      obj("rbac.authorization.k8s.io/v1", "Role", "r", "ns"),
      obj("batch/v1", "Job", "j", "ns"),
      obj("networking.k8s.io/v1", "NetworkPolicy", "np", "ns"),
      obj("v1", "PersistentVolumeClaim", "pvc", "ns"),
    ];
    expect(order(input)).toEqual([
      "Namespace/ns",
      "CustomResourceDefinition/widgets.example.com",
      "ClusterRole/cr",
      "ClusterRoleBinding/crb",
      "Secret/sec",
      "ConfigMap/c",
      "PersistentVolumeClaim/pvc",
      "ServiceAccount/sa",
      "Role/r",
      "RoleBinding/rb",
      "Service/s",
      "Deployment/d",
      "Job/j",
      // Kinds outside kfctl's list, custom resources included: by kind name.
      "NetworkPolicy/np",
      "Widget/w",
      "MutatingWebhookConfiguration/mw",
      "ValidatingWebhookConfiguration/vw",
      "APIService/v1.metrics",
    ]);
  });

  it("keeps the input order within a kind", () => {
    const input = ["z", "a", "m"].map((n) => obj("v1", "ConfigMap", n, "ns"));
    expect(order([obj("v1", "Namespace", "ns"), ...input])).toEqual(["Namespace/ns", "ConfigMap/z", "ConfigMap/a", "ConfigMap/m"]);
  });

  it("tells kinds apart by group", () => {
    expect(phaseOf({ group: "example.com", kind: "Namespace" })).toBe("resources");
    expect(phaseOf({ group: "", kind: "Namespace" })).toBe("namespaces");
    expect(phaseOf({ group: "example.com", kind: "CustomResourceDefinition" })).toBe("resources");
    expect(PHASES).toEqual(["namespaces", "crds", "cluster-rbac", "resources", "webhooks"]);
  });

  it("uninstalls in the opposite sense: webhooks first, custom resources before workloads, Namespaces last", () => {
    const kinds = [
      { group: "", kind: "Namespace" },
      { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition" },
      { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
      { group: "", kind: "ConfigMap" },
      { group: "apps", kind: "Deployment" },
      { group: "example.com", kind: "Widget" },
      { group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration" },
    ];
    const sorted = [...kinds].sort((a, b) => uninstallRank(a) - uninstallRank(b)).map((k) => k.kind);
    expect(sorted).toEqual(["ValidatingWebhookConfiguration", "Widget", "Deployment", "ConfigMap", "ClusterRole", "CustomResourceDefinition", "Namespace"]);
  });
});
