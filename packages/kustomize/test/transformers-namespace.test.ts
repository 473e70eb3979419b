import { describe } from "vitest";
import { type BuildCase, buildCases, y } from "./transformers-harness.js";
import { bareObject, docs, kustomizationTree } from "./support/kustomize-tree.js";

/** Namespace `target` over `resources`, two of which end up with one id. */
function idConflict(name: string, resources: string): BuildCase {
  return {
    name,
    tree: kustomizationTree({ fields: "namespace: target", resources }),
    error: "namespace transformation produces ID conflict",
  };
}

/** Namespace `ns` set through one configured field spec, `path` of kind Foo, on a Foo whose spec is `spec`. */
function fooFieldSpecError(name: string, path: string, spec: string, error: string): BuildCase {
  const indented = spec.split("\n").map((line) => `  ${line}\n`).join("");
  return {
    name,
    tree: kustomizationTree({
      fields: "namespace: ns",
      config: `namespace:\n- path: ${path}\n  kind: Foo\n`,
      resources: `${bareObject("v1", "Foo", "f")}spec:\n${indented}`,
    }),
    error,
  };
}

describe("namespace transformer (expected output from kubectl kustomize)", () => {
  buildCases([
    {
      name: "sets metadata.namespace by apiVersion+kind scope, renames a v1 Namespace, moves subjects named default",
      tree: kustomizationTree({
        fields: "namespace: target",
        resources: y`
          kind: RoleBinding
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: rb
            namespace: orig
          subjects:
          - kind: ServiceAccount
            name: default
            namespace: other
          - kind: ServiceAccount
            name: sa1
            namespace: other
          - kind: ServiceAccount
            name: sa2
          - kind: User
            name: default
          - kind: Group
            name: g
            namespace: x
          roleRef:
            kind: Role
            name: r
            apiGroup: rbac.authorization.k8s.io
          ---
          kind: ClusterRoleBinding
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: crb
          subjects:
          - kind: ServiceAccount
            name: default
            namespace: other
          - kind: ServiceAccount
            name: sa1
            namespace: other
          - kind: ServiceAccount
            name: sa2
          roleRef:
            kind: ClusterRole
            name: cr
            apiGroup: rbac.authorization.k8s.io
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingWebhookConfiguration
          metadata:
            name: vwc
          webhooks:
          - name: a
            clientConfig:
              service:
                name: svc
                namespace: other
          - name: b
            clientConfig:
              url: http://x
          ---
          apiVersion: apiregistration.k8s.io/v1
          kind: APIService
          metadata:
            name: v1.foo
          spec:
            service:
              name: s
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: foos.x.com
          spec:
            conversion:
              strategy: Webhook
              webhook:
                clientConfig:
                  service:
                    name: s
                    namespace: other
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: bars.x.com
          spec:
            conversion:
              strategy: None
          ---
          apiVersion: rbac.authorization.k8s.io/v1alpha1
          kind: ClusterRole
          metadata:
            name: alpha
          ---
          apiVersion: authentication.k8s.io/v1
          kind: TokenReview
          metadata:
            name: tr
          ---
          apiVersion: v2
          kind: Namespace
          metadata:
            name: ns-v2
          ---
          apiVersion: v1
          kind: Namespace
          metadata:
            name: ns-v1
          ---
          apiVersion: example.com/v1
          kind: Foo
          metadata:
            name: foo
            namespace: ""
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
            namespace: null
        `,
      }),
      expected: y`
        apiVersion: v2
        kind: Namespace
        metadata:
          name: ns-v2
          namespace: target
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: target
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: bars.x.com
        spec:
          conversion:
            strategy: None
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: foos.x.com
        spec:
          conversion:
            strategy: Webhook
            webhook:
              clientConfig:
                service:
                  name: s
                  namespace: target
        ---
        apiVersion: rbac.authorization.k8s.io/v1alpha1
        kind: ClusterRole
        metadata:
          name: alpha
          namespace: target
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: rb
          namespace: target
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: r
        subjects:
        - kind: ServiceAccount
          name: default
          namespace: target
        - kind: ServiceAccount
          name: sa1
          namespace: other
        - kind: ServiceAccount
          name: sa2
        - kind: User
          name: default
          namespace: target
        - kind: Group
          name: g
          namespace: x
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: crb
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cr
        subjects:
        - kind: ServiceAccount
          name: default
          namespace: target
        - kind: ServiceAccount
          name: sa1
          namespace: other
        - kind: ServiceAccount
          name: sa2
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm
          namespace: target
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1.foo
        spec:
          service:
            name: s
            namespace: target
        ---
        apiVersion: authentication.k8s.io/v1
        kind: TokenReview
        metadata:
          name: tr
          namespace: target
        ---
        apiVersion: example.com/v1
        kind: Foo
        metadata:
          name: foo
          namespace: target
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: vwc
        webhooks:
        - clientConfig:
            service:
              name: svc
              namespace: other
          name: a
        - clientConfig:
            url: http://x
          name: b
      `,
    },
    idConflict(
      "two resources ending in one namespace conflict",
      y`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm
          namespace: a
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm
          namespace: b
      `,
    ),
    idConflict("two v1 Namespaces renamed to one conflict", docs(bareObject("v1", "Namespace", "a"), bareObject("v1", "Namespace", "b"))),
    {
      name: "configured subjects specs of a RoleBinding are ignored",
      tree: kustomizationTree({
        fields: "namespace: target",
        config: y`
          namespace:
          - path: subjects/namespace
            kind: RoleBinding
          - path: spec/foo
            kind: ConfigMap
            create: true
        `,
        resources: y`
          kind: RoleBinding
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: rb
          subjects:
          - kind: ServiceAccount
            name: sa1
            namespace: other
          - kind: ServiceAccount
            name: sa2
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
        `,
      }),
      expected: y`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: rb
          namespace: target
        subjects:
        - kind: ServiceAccount
          name: sa1
          namespace: other
        - kind: ServiceAccount
          name: sa2
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm
          namespace: target
        spec:
          foo: target
      `,
    },
    {
      name: "configured specs: created through lists, null leaf set, roleRef kept",
      tree: kustomizationTree({
        fields: "namespace: target",
        config: y`
          namespace:
          - path: roleRef/namespace
            kind: RoleBinding
            create: true
          - path: subjects/namespace
            kind: ClusterRoleBinding
            group: rbac.authorization.k8s.io
          - path: spec/items/ns
            kind: ConfigMap
            create: true
          - path: data/x
            kind: ConfigMap
        `,
        resources: y`
          kind: RoleBinding
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: rb
          subjects:
          - kind: ServiceAccount
            name: sa1
            namespace: other
          roleRef:
            name: x
          ---
          kind: ClusterRoleBinding
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: crb
          subjects:
          - kind: ServiceAccount
            name: sa1
            namespace: other
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
          spec:
            items:
            - a: 1
            - ns: old
            - {}
          data:
            x: null
        `,
      }),
      expected: y`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: rb
          namespace: target
        roleRef:
          name: x
          namespace: target
        subjects:
        - kind: ServiceAccount
          name: sa1
          namespace: other
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: crb
        subjects:
        - kind: ServiceAccount
          name: sa1
          namespace: other
        ---
        apiVersion: v1
        data:
          x: target
        kind: ConfigMap
        metadata:
          name: cm
          namespace: target
        spec:
          items:
          - a: 1
            ns: target
          - ns: target
          - ns: target
      `,
    },
    {
      name: "nulls: created where create, left where not",
      tree: kustomizationTree({
        fields: y`
          commonLabels:
            a: b
          namespace: ns
        `,
        config: y`
          namespace:
          - path: spec/x/y
            kind: ConfigMap
          - path: spec/z/y
            kind: ConfigMap
            create: true
          - path: spec/list/name
            kind: ConfigMap
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d1
            labels: null
          spec:
            selector: null
            template: null
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d2
          spec:
            selector:
              matchLabels: null
            template:
              metadata: null
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
          spec:
            x: null
            z: null
            list:
            - name: a
            - {}
            - name: null
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: s
          spec:
            selector: null
        `,
      }),
      expected: y`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          labels:
            a: b
          name: cm
          namespace: ns
        spec:
          list:
          - name: ns
          - {}
          - name: ns
          x: null
          z:
            "y": ns
        ---
        apiVersion: v1
        kind: Service
        metadata:
          labels:
            a: b
          name: s
          namespace: ns
        spec:
          selector:
            a: b
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            a: b
          name: d1
          namespace: ns
        spec:
          selector:
            matchLabels:
              a: b
          template:
            metadata:
              labels:
                a: b
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            a: b
          name: d2
          namespace: ns
        spec:
          selector:
            matchLabels:
              a: b
          template:
            metadata:
              labels:
                a: b
      `,
    },
    {
      name: "null leaf is set, null on the way stops quietly",
      tree: kustomizationTree({
        fields: "namespace: ns",
        config: y`
          namespace:
          - path: spec/x
            kind: Foo
          - path: spec/y/z
            kind: Foo
          - path: data/x
            kind: ConfigMap
          - path: data/y/z
            kind: ConfigMap
          - path: spec/x
            kind: ConfigMap
        `,
        resources: y`
          apiVersion: v1
          kind: Foo
          metadata:
            name: f
          spec:
            x: null
            y: null
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
          data:
            x: null
            y: null
          spec:
            x: null
        `,
      }),
      expected: y`
        apiVersion: v1
        data:
          x: ns
          "y": null
        kind: ConfigMap
        metadata:
          name: cm
          namespace: ns
        spec:
          x: ns
        ---
        apiVersion: v1
        kind: Foo
        metadata:
          name: f
          namespace: ns
        spec:
          x: ns
          "y": null
      `,
    },
    fooFieldSpecError(
      "a scalar on the path is an error",
      "spec/x/y",
      "x: abc",
      "namespace transformation failed: considering field 'spec/x/y' of object Foo.v1.[noGrp]/f.ns: expected sequence or mapping node",
    ),
    fooFieldSpecError(
      "a map where the namespace goes is an error",
      "spec/x",
      "x:\n  a: b",
      "namespace field specs must target scalar nodes: considering field 'spec/x' of object Foo.v1.[noGrp]/f.ns: " +
        "wrong node kind: expected ScalarNode but got MappingNode",
    ),
  ]);
});
