import { describe } from "vitest";
import { buildCases, y } from "./transformers-harness.js";
import { bareObject, kustomizationTree } from "./support/kustomize-tree.js";

describe("labels, commonLabels, commonAnnotations (expected output from kubectl kustomize)", () => {
  buildCases([
    {
      name: "labels entries: selectors, templates, plain, custom fields",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              sel: "yes"
            includeSelectors: true
          - pairs:
              tmpl: "t"
            includeTemplates: true
          - pairs:
              plain: p
          - pairs:
              custom: c
            fields:
            - path: spec/custom/labels
              kind: Deployment
              create: true
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
          spec:
            template:
              spec:
                containers: []
          ---
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: ss
          spec:
            volumeClaimTemplates:
            - metadata:
                name: v
            template:
              metadata: {}
          ---
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: cj
          spec:
            jobTemplate:
              spec:
                template:
                  spec: {}
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: s
          ---
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata:
            name: pdb
          spec:
            selector:
              matchLabels:
                x: y
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: np
          spec:
            podSelector: {}
            ingress:
            - from:
              - podSelector:
                  matchLabels: {}
              - namespaceSelector: {}
          ---
          apiVersion: example.com/v1
          kind: Foo
          metadata:
            name: foo
          spec:
            template:
              metadata:
                labels: {}
          ---
          apiVersion: v1
          kind: ReplicationController
          metadata:
            name: rc
        `,
      }),
      expected: y`
        apiVersion: v1
        kind: Service
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: s
        spec:
          selector:
            sel: "yes"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: d
        spec:
          custom:
            labels:
              custom: c
          selector:
            matchLabels:
              sel: "yes"
          template:
            metadata:
              labels:
                sel: "yes"
                tmpl: t
            spec:
              containers: []
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: ss
        spec:
          selector:
            matchLabels:
              sel: "yes"
          template:
            metadata:
              labels:
                sel: "yes"
                tmpl: t
          volumeClaimTemplates:
          - metadata:
              labels:
                sel: "yes"
                tmpl: t
              name: v
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: cj
        spec:
          jobTemplate:
            metadata:
              labels:
                sel: "yes"
                tmpl: t
            spec:
              template:
                metadata:
                  labels:
                    sel: "yes"
                    tmpl: t
                spec: {}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: pdb
        spec:
          selector:
            matchLabels:
              sel: "yes"
              x: "y"
        ---
        apiVersion: example.com/v1
        kind: Foo
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: foo
        spec:
          template:
            metadata:
              labels: {}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: np
        spec:
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  sel: "yes"
            - namespaceSelector: {}
          podSelector: {}
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          labels:
            custom: c
            plain: p
            sel: "yes"
            tmpl: t
          name: rc
        spec:
          selector:
            sel: "yes"
          template:
            metadata:
              labels:
                sel: "yes"
                tmpl: t
      `,
    },
    {
      name: "commonLabels run after labels; selectors in affinity and topology spread",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              app: from-labels
              both: x
            includeSelectors: true
            includeTemplates: true
          commonLabels:
            app: from-common
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
            labels:
              app: orig
          spec:
            selector:
              matchLabels:
                app: orig
            template:
              metadata:
                labels:
                  app: orig
              spec:
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - labelSelector:
                        matchLabels:
                          app: orig
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - podAffinityTerm:
                        labelSelector:
                          matchExpressions: []
                topologySpreadConstraints:
                - labelSelector:
                    matchLabels:
                      app: orig
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: np
          spec:
            egress:
            - to:
              - podSelector:
                  matchLabels: {}
        `,
      }),
      expected: y`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            app: from-common
            both: x
          name: d
        spec:
          selector:
            matchLabels:
              app: from-common
              both: x
          template:
            metadata:
              labels:
                app: from-common
                both: x
            spec:
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - podAffinityTerm:
                      labelSelector:
                        matchExpressions: []
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector:
                      matchLabels:
                        app: from-common
                        both: x
              topologySpreadConstraints:
              - labelSelector:
                  matchLabels:
                    app: from-common
                    both: x
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          labels:
            app: from-common
            both: x
          name: np
        spec:
          egress:
          - to:
            - podSelector:
                matchLabels:
                  app: from-common
                  both: x
      `,
    },
    {
      name: "a labels field conflicting with metadata/labels",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              a: b
            fields:
            - path: metadata/labels
              kind: Deployment
        `,
        resources: bareObject("apps/v1", "Deployment", "d"),
      }),
      error: "failed to merge labels: conflicting fieldspecs",
    },
    {
      name: "a labels field conflicting with the template table",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              a: b
            fields:
            - path: spec/template/metadata/labels
              kind: Deployment
              create: false
            includeTemplates: true
        `,
        resources: bareObject("apps/v1", "Deployment", "d"),
      }),
      error: "failed to merge template fieldSpec: conflicting fieldspecs",
    },
    {
      name: "custom fields through lists, with templates",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              a: b
            fields:
            - path: spec/template/metadata/labels
              create: true
            - path: spec/things/labels
              kind: Foo
              create: true
            includeTemplates: true
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
          ---
          apiVersion: x/v1
          kind: Foo
          metadata:
            name: f
          spec:
            things:
            - labels: {}
            - name: x
        `,
      }),
      expected: y`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            a: b
          name: d
        spec:
          template:
            metadata:
              labels:
                a: b
        ---
        apiVersion: x/v1
        kind: Foo
        metadata:
          labels:
            a: b
          name: f
        spec:
          template:
            metadata:
              labels:
                a: b
          things:
          - labels:
              a: b
          - labels:
              a: b
            name: x
      `,
    },
    {
      name: "a labels field conflicting with the commonLabels table",
      tree: kustomizationTree({
        fields: y`
          labels:
          - pairs:
              a: b
            includeSelectors: true
            fields:
            - path: spec/selector
              kind: Service
              version: v1
        `,
        resources: bareObject("v1", "Service", "s"),
      }),
      error: "failed to merge labels: conflicting fieldspecs",
    },
    {
      name: "a scalar where the labels map goes is an error",
      tree: kustomizationTree({
        fields: y`
          commonLabels:
            a: b
        `,
        resources: y`
          apiVersion: v1
          kind: Service
          metadata:
            name: f
          spec:
            selector: abc
        `,
      }),
      error: "considering field 'spec/selector' of object Service.v1.[noGrp]/f.[noNs]: wrong node kind: expected MappingNode but got ScalarNode",
    },
    {
      name: "commonAnnotations on objects and pod templates",
      tree: kustomizationTree({
        fields: y`
          commonAnnotations:
            note: "hello"
            "num": "1"
        `,
        resources: y`
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: ss
            annotations:
              existing: x
          spec:
            volumeClaimTemplates:
            - metadata:
                name: v
            template:
              spec: {}
          ---
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: cj
          spec:
            jobTemplate:
              spec:
                template:
                  spec: {}
          ---
          apiVersion: apps/v1
          kind: Job
          metadata:
            name: wrong-group-job
          spec:
            template:
              spec: {}
          ---
          apiVersion: v1
          kind: ReplicationController
          metadata:
            name: rc
          ---
          apiVersion: example.com/v1
          kind: Foo
          metadata:
            name: foo
            annotations: null
          spec:
            template:
              metadata: {}
          ---
          apiVersion: extensions/v1beta1
          kind: Deployment
          metadata:
            name: d
        `,
      }),
      expected: y`
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata:
          annotations:
            note: hello
            num: "1"
          name: d
        spec:
          template:
            metadata:
              annotations:
                note: hello
                num: "1"
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          annotations:
            existing: x
            note: hello
            num: "1"
          name: ss
        spec:
          template:
            metadata:
              annotations:
                note: hello
                num: "1"
            spec: {}
          volumeClaimTemplates:
          - metadata:
              name: v
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          annotations:
            note: hello
            num: "1"
          name: cj
        spec:
          jobTemplate:
            metadata:
              annotations:
                note: hello
                num: "1"
            spec:
              template:
                metadata:
                  annotations:
                    note: hello
                    num: "1"
                spec: {}
        ---
        apiVersion: apps/v1
        kind: Job
        metadata:
          annotations:
            note: hello
            num: "1"
          name: wrong-group-job
        spec:
          template:
            spec: {}
        ---
        apiVersion: example.com/v1
        kind: Foo
        metadata:
          annotations:
            note: hello
            num: "1"
          name: foo
        spec:
          template:
            metadata: {}
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          annotations:
            note: hello
            num: "1"
          name: rc
        spec:
          template:
            metadata:
              annotations:
                note: hello
                num: "1"
      `,
    },
    {
      name: "null selectors stay null; null container lists become empty",
      tree: kustomizationTree({
        fields: y`
          commonLabels:
            a: b
          images:
          - name: nginx
            newTag: "1.2"
        `,
        resources: y`
          apiVersion: batch/v1
          kind: Job
          metadata:
            name: j
          spec:
            selector:
              matchLabels: null
            template:
              spec:
                containers:
                - name: noimage
                - name: n
                  image: nginx
                initContainers: null
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
          spec:
            containers: null
        `,
      }),
      expected: y`
        apiVersion: batch/v1
        kind: Job
        metadata:
          labels:
            a: b
          name: j
        spec:
          selector:
            matchLabels: null
          template:
            metadata:
              labels:
                a: b
            spec:
              containers:
              - name: noimage
              - image: nginx:1.2
                name: "n"
              initContainers: []
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            a: b
          name: p
        spec:
          containers: []
      `,
    },
  ]);
});
