import type { YamlMap } from "@kfrender/yaml";

/**
 * The manifests of the apply scenario, shared by the test-server tests and the real-cluster test.
 * Every name carries `suffix` so a run on a real cluster cannot touch anything it did not make.
 */
export interface Scenario {
  suffix: string;
  ns: string;
  group: string;
  crdName: string;
  /** Shuffled on purpose: the applier must find the order itself. */
  manifests: YamlMap[];
  /** The order the applier must use, as `Kind namespace/name`. */
  expectedOrder: string[];
}

export function widgetCrd(group: string, kind = "Widget", plural = "widgets"): YamlMap {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: "Namespaced",
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        },
      ],
    },
  };
}

export function scenario(suffix: string): Scenario {
  const ns = `kfr-${suffix}`;
  const group = `kfr-${suffix}.example.com`;
  const crdName = `widgets.${group}`;
  const labels = { app: "web", "app.kubernetes.io/part-of": "kfrender-test" };
  const manifests: YamlMap[] = [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: `kfr-${suffix}` },
      webhooks: [
        {
          name: `widgets.${group}`,
          clientConfig: { service: { name: "web", namespace: ns, path: "/validate" } },
          rules: [{ apiGroups: [group], apiVersions: ["v1"], operations: ["CREATE"], resources: ["widgets"] }],
          failurePolicy: "Ignore",
          sideEffects: "None",
          admissionReviewVersions: ["v1"],
        },
      ],
    },
    { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1", namespace: ns }, spec: { size: 3, custom: { nested: { deep: ["a", "b"] } } } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "registry.k8s.io/pause:3.9" }] } },
      },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `kfr-${suffix}-reader` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `kfr-${suffix}-reader` },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: ns }],
    },
    { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: ns }, spec: { selector: { app: "web" }, ports: [{ port: 443, targetPort: 8443 }] } },
    widgetCrd(group),
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data: { mode: "a" } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: `kfr-${suffix}-reader` }, rules: [{ apiGroups: [group], resources: ["widgets"], verbs: ["get", "list"] }] },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: ns } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
  ];
  const expectedOrder = [
    `Namespace ${ns}`,
    `CustomResourceDefinition ${crdName}`,
    `ClusterRole kfr-${suffix}-reader`,
    `ClusterRoleBinding kfr-${suffix}-reader`,
    `ConfigMap ${ns}/settings`,
    `ServiceAccount ${ns}/web`,
    `Service ${ns}/web`,
    `Deployment ${ns}/web`,
    `Widget ${ns}/w1`,
    `ValidatingWebhookConfiguration kfr-${suffix}`,
  ];
  return { suffix, ns, group, crdName, manifests, expectedOrder };
}

export const rowOf = (r: { ref: { kind: string; namespace?: string; name: string } }) => `${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ""}${r.ref.name}`;

/** The manifests with one replaced (matched by kind and name). */
export function replacing(manifests: YamlMap[], kind: string, name: string, next: YamlMap | undefined): YamlMap[] {
  const out: YamlMap[] = [];
  for (const m of manifests) {
    const meta = m.metadata as { name: string };
    if (m.kind === kind && meta.name === name) {
      if (next) out.push(next);
    } else out.push(m);
  }
  return out;
}
