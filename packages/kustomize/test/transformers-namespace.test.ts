import { describe, it } from "vitest";
import { expectBuild, expectBuildError, y } from "./transformers-harness.js";

describe("namespace transformer (expected output from kubectl kustomize)", () => {
  it('sets metadata.namespace by apiVersion+kind scope, renames a v1 Namespace, moves subjects named default', () => {
    const tree = {
      'kustomization.yaml': y`
      namespace: target
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuild(tree, y`
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
    `);
  });
  it('two resources ending in one namespace conflict', () => {
    const tree = {
      'kustomization.yaml': y`
      namespace: target
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuildError(tree, `namespace transformation produces ID conflict`);
  });
  it('two v1 Namespaces renamed to one conflict', () => {
    const tree = {
      'kustomization.yaml': y`
      namespace: target
      resources:
      - r.yaml
    `,
      'r.yaml': y`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: b
    `,
    };
    expectBuildError(tree, `namespace transformation produces ID conflict`);
  });
  it('configured subjects specs of a RoleBinding are ignored', () => {
    const tree = {
      'c.yaml': y`
      namespace:
      - path: subjects/namespace
        kind: RoleBinding
      - path: spec/foo
        kind: ConfigMap
        create: true
    `,
      'kustomization.yaml': y`
      namespace: target
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuild(tree, y`
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
    `);
  });
  it('configured specs: created through lists, null leaf set, roleRef kept', () => {
    const tree = {
      'c.yaml': y`
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
      'kustomization.yaml': y`
      namespace: target
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuild(tree, y`
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
    `);
  });
  it('nulls: created where create, left where not', () => {
    const tree = {
      'c.yaml': y`
      namespace:
      - path: spec/x/y
        kind: ConfigMap
      - path: spec/z/y
        kind: ConfigMap
        create: true
      - path: spec/list/name
        kind: ConfigMap
    `,
      'kustomization.yaml': y`
      commonLabels:
        a: b
      namespace: ns
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuild(tree, y`
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
    `);
  });
  it('null leaf is set, null on the way stops quietly', () => {
    const tree = {
      'c.yaml': y`
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
      'kustomization.yaml': y`
      namespace: ns
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
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
    };
    expectBuild(tree, y`
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
    `);
  });
  it('a scalar on the path is an error', () => {
    const tree = {
      'c.yaml': y`
      namespace:
      - path: spec/x/y
        kind: Foo
    `,
      'kustomization.yaml': y`
      namespace: ns
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
      apiVersion: v1
      kind: Foo
      metadata:
        name: f
      spec:
        x: abc
    `,
    };
    expectBuildError(tree, `namespace transformation failed: considering field 'spec/x/y' of object Foo.v1.[noGrp]/f.ns: expected sequence or mapping node`);
  });
  it('a map where the namespace goes is an error', () => {
    const tree = {
      'c.yaml': y`
      namespace:
      - path: spec/x
        kind: Foo
    `,
      'kustomization.yaml': y`
      namespace: ns
      configurations:
      - c.yaml
      resources:
      - r.yaml
    `,
      'r.yaml': y`
      apiVersion: v1
      kind: Foo
      metadata:
        name: f
      spec:
        x:
          a: b
    `,
    };
    expectBuildError(tree, `namespace field specs must target scalar nodes: considering field 'spec/x' of object Foo.v1.[noGrp]/f.ns: wrong node kind: expected ScalarNode but got MappingNode`);
  });
});
