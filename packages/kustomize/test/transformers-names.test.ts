import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "vitest";
import { SHARED } from "./support/paths.js";
import { buildCases, expectBuild, treeFromDisk, y } from "./transformers-harness.js";
import { bareObject, docs, kustomizationTree, overlayTree } from "./support/kustomize-tree.js";

// Several cases turn on which ConfigMap, among bases with different affixes, a Deployment's
// volume resolves to; these spell out the two objects.
const configMap = (name: string) => bareObject("v1", "ConfigMap", name);
/** A Deployment mounting ConfigMap `cm`. */
const mounter = (name: string, cm: string) => y`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
  spec:
    template:
      spec:
        volumes:
        - configMap:
            name: ${cm}
`;

describe("namePrefix/nameSuffix (expected output from kubectl kustomize)", () => {
  buildCases([
    {
      name: "a configured ClusterRole-only namePrefix spec swallows the wildcard one",
      tree: kustomizationTree({
        fields: "namePrefix: p-",
        config: y`
          namePrefix:
          - path: metadata/name
            kind: ClusterRole
        `,
        resources: y`
          kind: ClusterRole
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: cr
          ---
          kind: Role
          apiVersion: rbac.authorization.k8s.io/v1
          metadata:
            name: r
        `,
      }),
      expected: y`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: r
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: p-cr
      `,
    },
    {
      name: "each base keeps its own prefix; the overlay suffix goes on all",
      tree: overlayTree("nameSuffix: -o", {
        b1: { fields: "namePrefix: a-", resources: docs(configMap("cfg"), mounter("dep", "cfg")) },
        b2: { fields: "namePrefix: b-", resources: docs(configMap("cfg"), mounter("dep", "cfg")) },
      }),
      expected: docs(configMap("a-cfg-o"), configMap("b-cfg-o"), mounter("a-dep-o", "a-cfg-o"), mounter("b-dep-o", "b-cfg-o")),
    },
  ]);
});

describe("name references (expected output from kubectl kustomize)", () => {
  buildCases([
    {
      name: "references from workloads, RBAC, ingress, webhooks, HPA follow renames; CRD/APIService/Namespace keep names",
      tree: kustomizationTree({
        fields: y`
          namePrefix: pre-
          nameSuffix: -suf
        `,
        resources: y`
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: foos.x.io
          ---
          apiVersion: apiregistration.k8s.io/v1
          kind: APIService
          metadata:
            name: v1.x.io
          spec:
            service:
              name: svc
              namespace: default
          ---
          apiVersion: v1
          kind: Namespace
          metadata:
            name: ns
          ---
          apiVersion: example.com/v1
          kind: APIService
          metadata:
            name: fake-apiservice
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata:
            name: cr
          rules:
          - apiGroups: [""]
            resources: ["configmaps", "secrets"]
            resourceNames: ["cm", "sec", "other"]
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
            name: sa
            namespace: default
          - kind: User
            name: sa
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: sa
          imagePullSecrets:
          - name: sec
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
          ---
          apiVersion: v1
          kind: Secret
          metadata:
            name: sec
          ---
          apiVersion: v1
          kind: PersistentVolumeClaim
          metadata:
            name: pvc
          spec:
            storageClassName: fast
            volumeName: pv
          ---
          apiVersion: v1
          kind: PersistentVolume
          metadata:
            name: pv
          spec:
            storageClassName: fast
          ---
          apiVersion: storage.k8s.io/v1
          kind: StorageClass
          metadata:
            name: fast
          ---
          apiVersion: scheduling.k8s.io/v1
          kind: PriorityClass
          metadata:
            name: high
          ---
          apiVersion: networking.k8s.io/v1
          kind: IngressClass
          metadata:
            name: nginx
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: svc
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: dep
          spec:
            template:
              spec:
                serviceAccountName: sa
                priorityClassName: high
                imagePullSecrets:
                - name: sec
                volumes:
                - name: a
                  configMap:
                    name: cm
                - name: b
                  secret:
                    secretName: sec
                - name: c
                  persistentVolumeClaim:
                    claimName: pvc
                - name: d
                  projected:
                    sources:
                    - configMap:
                        name: cm
                    - secret:
                        name: sec
                containers:
                - name: x
                  env:
                  - name: A
                    valueFrom:
                      configMapKeyRef:
                        name: cm
                        key: k
                  - name: B
                    valueFrom:
                      secretKeyRef:
                        name: sec
                        key: k
                  - name: C
                    value: cm
                  envFrom:
                  - configMapRef:
                      name: cm
                  - secretRef:
                      name: sec
                  - configMapRef:
                      name: unknown
                initContainers:
                - name: y
                  envFrom:
                  - configMapRef:
                      name: cm
                ephemeralContainers:
                - name: z
                  envFrom:
                  - configMapRef:
                      name: cm
          ---
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata:
            name: hpa
          spec:
            scaleTargetRef:
              apiVersion: apps/v1
              kind: Deployment
              name: dep
          ---
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: sts
          spec:
            serviceName: svc
            volumeClaimTemplates:
            - metadata:
                name: data
              spec:
                storageClassName: fast
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: ing
            annotations:
              nginx.ingress.kubernetes.io/auth-secret: sec
          spec:
            ingressClassName: nginx
            defaultBackend:
              service:
                name: svc
            tls:
            - secretName: sec
            rules:
            - http:
                paths:
                - backend:
                    service:
                      name: svc
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: MutatingWebhookConfiguration
          metadata:
            name: mwc
          webhooks:
          - name: w
            clientConfig:
              service:
                name: svc
                namespace: default
          - name: w2
            clientConfig:
              service:
                name: svc
          ---
          apiVersion: serving.knative.dev/v1
          kind: Service
          metadata:
            name: ksvc
          spec:
            template:
              spec:
                containers:
                - envFrom:
                  - configMapRef:
                      name: cm
                  env:
                  - name: S
                    valueFrom:
                      secretKeyRef:
                        name: sec
          ---
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: cj
          spec:
            jobTemplate:
              spec:
                template:
                  spec:
                    serviceAccountName: sa
                    volumes:
                    - name: v
                      configMap:
                        name: cm
        `,
      }),
      expected: y`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: ns
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: pre-fast-suf
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: foos.x.io
        ---
        apiVersion: v1
        imagePullSecrets:
        - name: pre-sec-suf
        kind: ServiceAccount
        metadata:
          name: pre-sa-suf
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: pre-cr-suf
        rules:
        - apiGroups:
          - ""
          resourceNames:
          - pre-cm-suf
          - pre-sec-suf
          - other
          resources:
          - configmaps
          - secrets
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: pre-crb-suf
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: pre-cr-suf
        subjects:
        - kind: ServiceAccount
          name: pre-sa-suf
          namespace: default
        - kind: User
          name: pre-sa-suf
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: pre-cm-suf
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: pre-sec-suf
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: pre-ksvc-suf
        spec:
          template:
            spec:
              containers:
              - env:
                - name: S
                  valueFrom:
                    secretKeyRef:
                      name: pre-sec-suf
                envFrom:
                - configMapRef:
                    name: cm
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: pre-svc-suf
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: pre-high-suf
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: pre-pv-suf
        spec:
          storageClassName: pre-fast-suf
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: pre-pvc-suf
        spec:
          storageClassName: pre-fast-suf
          volumeName: pre-pv-suf
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: pre-dep-suf
        spec:
          template:
            spec:
              containers:
              - env:
                - name: A
                  valueFrom:
                    configMapKeyRef:
                      key: k
                      name: pre-cm-suf
                - name: B
                  valueFrom:
                    secretKeyRef:
                      key: k
                      name: pre-sec-suf
                - name: C
                  value: cm
                envFrom:
                - configMapRef:
                    name: pre-cm-suf
                - secretRef:
                    name: pre-sec-suf
                - configMapRef:
                    name: unknown
                name: x
              ephemeralContainers:
              - envFrom:
                - configMapRef:
                    name: cm
                name: z
              imagePullSecrets:
              - name: pre-sec-suf
              initContainers:
              - envFrom:
                - configMapRef:
                    name: pre-cm-suf
                name: "y"
              priorityClassName: pre-high-suf
              serviceAccountName: pre-sa-suf
              volumes:
              - configMap:
                  name: pre-cm-suf
                name: a
              - name: b
                secret:
                  secretName: pre-sec-suf
              - name: c
                persistentVolumeClaim:
                  claimName: pre-pvc-suf
              - name: d
                projected:
                  sources:
                  - configMap:
                      name: pre-cm-suf
                  - secret:
                      name: pre-sec-suf
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: pre-sts-suf
        spec:
          serviceName: pre-svc-suf
          volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              storageClassName: pre-fast-suf
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: pre-cj-suf
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: pre-sa-suf
                  volumes:
                  - configMap:
                      name: pre-cm-suf
                    name: v
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1.x.io
        spec:
          service:
            name: pre-svc-suf
            namespace: default
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: pre-hpa-suf
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: pre-dep-suf
        ---
        apiVersion: example.com/v1
        kind: APIService
        metadata:
          name: pre-fake-apiservice-suf
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          annotations:
            nginx.ingress.kubernetes.io/auth-secret: pre-sec-suf
          name: pre-ing-suf
        spec:
          defaultBackend:
            service:
              name: pre-svc-suf
          ingressClassName: nginx
          rules:
          - http:
              paths:
              - backend:
                  service:
                    name: pre-svc-suf
          tls:
          - secretName: pre-sec-suf
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: pre-nginx-suf
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata:
          name: pre-mwc-suf
        webhooks:
        - clientConfig:
            service:
              name: pre-svc-suf
              namespace: default
          name: w
        - clientConfig:
            service:
              name: pre-svc-suf
          name: w2
      `,
    },
    {
      name: "less common referrers: StorageClass parameters, Node, ingress annotations, PV, Pod, RC",
      tree: kustomizationTree({
        fields: "namePrefix: p-",
        resources: y`
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cm
          ---
          apiVersion: v1
          kind: Secret
          metadata:
            name: sec
          ---
          apiVersion: serving.knative.dev/v1
          kind: Service
          metadata:
            name: ksvc
          spec:
            template:
              spec:
                containers:
                - env:
                  - name: C
                    valueFrom:
                      configMapKeyRef:
                        name: cm
                  envFrom:
                  - secretRef:
                      name: sec
          ---
          apiVersion: v1
          kind: PersistentVolume
          metadata:
            name: pv
          spec:
            azureFile:
              secretName: sec
          ---
          apiVersion: storage.k8s.io/v1
          kind: StorageClass
          metadata:
            name: sc
          parameters:
            secretName: sec
            adminSecretName: sec
            userSecretName: sec
            secretRef: sec
          ---
          apiVersion: v1
          kind: Node
          metadata:
            name: node
          spec:
            configSource:
              configMap: cm
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: ing
            annotations:
              nginx.ingress.kubernetes.io/fastcgi-params-configmap: cm
              ingress.kubernetes.io/auth-secret: sec
              nginx.ingress.kubernetes.io/auth-tls-secret: sec
          spec:
            backend:
              serviceName: svc
            rules:
            - http:
                paths:
                - backend:
                    serviceName: svc
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: svc
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata:
            name: role
          rules:
          - resourceNames: [cm, sec]
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: pod
          spec:
            serviceAccountName: sa
            priorityClassName: pc
            volumes:
            - persistentVolumeClaim:
                claimName: pvc
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: sa
          ---
          apiVersion: scheduling.k8s.io/v1
          kind: PriorityClass
          metadata:
            name: pc
          ---
          apiVersion: v1
          kind: PersistentVolumeClaim
          metadata:
            name: pvc
          ---
          apiVersion: v1
          kind: ReplicationController
          metadata:
            name: rc
          spec:
            template:
              spec:
                volumes:
                - configMap:
                    name: cm
                serviceAccountName: sa
          ---
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: ds
          spec:
            template:
              spec:
                serviceAccountName: sa
                volumes:
                - configMap:
                    name: cm
        `,
      }),
      expected: y`
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: p-sc
        parameters:
          adminSecretName: p-sec
          secretName: p-sec
          secretRef: p-sec
          userSecretName: p-sec
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: p-sa
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: p-role
        rules:
        - resourceNames:
          - p-cm
          - p-sec
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: p-cm
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: p-sec
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: p-ksvc
        spec:
          template:
            spec:
              containers:
              - env:
                - name: C
                  valueFrom:
                    configMapKeyRef:
                      name: cm
                envFrom:
                - secretRef:
                    name: sec
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: p-svc
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: p-pc
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: p-pv
        spec:
          azureFile:
            secretName: p-sec
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: p-pvc
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: p-ds
        spec:
          template:
            spec:
              serviceAccountName: p-sa
              volumes:
              - configMap:
                  name: p-cm
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          annotations:
            ingress.kubernetes.io/auth-secret: p-sec
            nginx.ingress.kubernetes.io/auth-tls-secret: p-sec
            nginx.ingress.kubernetes.io/fastcgi-params-configmap: p-cm
          name: p-ing
        spec:
          backend:
            serviceName: p-svc
          rules:
          - http:
              paths:
              - backend:
                  serviceName: p-svc
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: p-node
        spec:
          configSource:
            configMap: p-cm
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p-pod
        spec:
          priorityClassName: p-pc
          serviceAccountName: p-sa
          volumes:
          - persistentVolumeClaim:
              claimName: p-pvc
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: p-rc
        spec:
          template:
            spec:
              serviceAccountName: p-sa
              volumes:
              - configMap:
                  name: cm
      `,
    },
    {
      name: "affix tie-break: a strict prefix match beats a candidate without prefixes",
      tree: overlayTree("", {
        b1: { fields: "namePrefix: a-", resources: docs(configMap("c"), mounter("d", "c")) },
        b2: { fields: "nameSuffix: -s", resources: configMap("c") },
      }),
      expected: docs(configMap("a-c"), configMap("c-s"), mounter("a-d", "a-c")),
    },
    {
      name: "affix tie-break: lists missing on one side match leniently first",
      tree: overlayTree("", {
        b0: { fields: "nameSuffix: -t", resources: mounter("d", "c") },
        b1: { fields: "namePrefix: x-", resources: configMap("c") },
        b2: { fields: "namePrefix: y-\nnameSuffix: -u", resources: configMap("c") },
      }),
      expected: docs(configMap("x-c"), configMap("y-c-u"), mounter("d-t", "x-c")),
    },
    {
      name: "webhook and APIService services follow prefix and namespace",
      tree: kustomizationTree({
        fields: y`
          namespace: kubeflow
          namePrefix: kf-
        `,
        resources: y`
          apiVersion: v1
          kind: Service
          metadata:
            name: webhook-service
            namespace: system
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: other
            namespace: system
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingWebhookConfiguration
          metadata:
            name: vwc
          webhooks:
          - name: a
            clientConfig:
              service:
                name: webhook-service
                namespace: system
          - name: b
            clientConfig:
              service:
                name: webhook-service
          - name: c
            clientConfig:
              service:
                name: other
                namespace: elsewhere
          - name: d
            clientConfig:
              service:
                name: missing
                namespace: system
          ---
          apiVersion: apiregistration.k8s.io/v1
          kind: APIService
          metadata:
            name: v1.metrics.example.com
          spec:
            service:
              name: other
              namespace: system
        `,
      }),
      expected: y`
        apiVersion: v1
        kind: Service
        metadata:
          name: kf-other
          namespace: kubeflow
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: kf-webhook-service
          namespace: kubeflow
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1.metrics.example.com
        spec:
          service:
            name: kf-other
            namespace: kubeflow
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: kf-vwc
        webhooks:
        - clientConfig:
            service:
              name: kf-webhook-service
              namespace: kubeflow
          name: a
        - clientConfig:
            service:
              name: kf-webhook-service
              namespace: kubeflow
          name: b
        - clientConfig:
            service:
              name: other
              namespace: elsewhere
          name: c
        - clientConfig:
            service:
              name: missing
              namespace: system
          name: d
      `,
    },
    {
      name: "ValidatingAdmissionPolicyBinding policyName (group-restricted)",
      tree: kustomizationTree({
        fields: "namePrefix: p-",
        resources: y`
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicy
          metadata:
            name: pol
          ---
          apiVersion: other.io/v1
          kind: ValidatingAdmissionPolicy
          metadata:
            name: pol2
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: params
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicyBinding
          metadata:
            name: b1
          spec:
            policyName: pol
            paramRef:
              name: params
          ---
          apiVersion: other.io/v1
          kind: ValidatingAdmissionPolicyBinding
          metadata:
            name: b2
          spec:
            policyName: pol
          ---
          apiVersion: admissionregistration.k8s.io/v1beta1
          kind: ValidatingAdmissionPolicyBinding
          metadata:
            name: b3
          spec:
            policyName: pol2
          ---
          apiVersion: admissionregistration.k8s.io/v1alpha1
          kind: MutatingAdmissionPolicy
          metadata:
            name: mpol
          ---
          apiVersion: admissionregistration.k8s.io/v1alpha1
          kind: MutatingAdmissionPolicyBinding
          metadata:
            name: mb
          spec:
            policyName: mpol
        `,
      }),
      expected: y`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: p-params
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: p-pol
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: p-b1
        spec:
          paramRef:
            name: params
          policyName: p-pol
        ---
        apiVersion: admissionregistration.k8s.io/v1alpha1
        kind: MutatingAdmissionPolicy
        metadata:
          name: p-mpol
        ---
        apiVersion: admissionregistration.k8s.io/v1alpha1
        kind: MutatingAdmissionPolicyBinding
        metadata:
          name: p-mb
        spec:
          policyName: mpol
        ---
        apiVersion: admissionregistration.k8s.io/v1beta1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: p-b3
        spec:
          policyName: pol2
        ---
        apiVersion: other.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: p-pol2
        ---
        apiVersion: other.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: p-b2
        spec:
          policyName: pol
      `,
    },
    {
      name: "two different candidates with matching prefixes are ambiguous",
      tree: overlayTree("namePrefix: o-", {
        b1: { resources: docs(configMap("cfg"), mounter("dep", "cfg")) },
        b2: { fields: "namePrefix: b-", resources: configMap("cfg") },
      }),
      error: "found multiple possible referrals: ConfigMap.v1.[noGrp]/o-cfg.[noNs], ConfigMap.v1.[noGrp]/o-b-cfg.[noNs]",
    },
    {
      name: "RBAC subjects and roleRefs follow prefix and namespace across namespaces",
      tree: overlayTree("namespace: target", {
        base: {
          fields: "namePrefix: p-",
          resources: y`
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: sa
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: other
              namespace: elsewhere
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: r
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: rb-role
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: r
            subjects:
            - kind: ServiceAccount
              name: sa
            - kind: ServiceAccount
              name: sa
              namespace: default
            - kind: ServiceAccount
              name: other
              namespace: elsewhere
            - kind: Group
              name: sa
              namespace: nowhere
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: rb-cluster
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: r
            subjects:
            - kind: ServiceAccount
              name: default
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: crb
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: r
            subjects:
            - kind: ServiceAccount
              name: sa
              namespace: default
            - kind: ServiceAccount
              name: other
              namespace: elsewhere
          `,
        },
      }),
      expected: y`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: p-other
          namespace: target
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: p-sa
          namespace: target
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: p-r
          namespace: target
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: p-r
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: p-rb-cluster
          namespace: target
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: p-r
        subjects:
        - kind: ServiceAccount
          name: default
          namespace: target
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: p-rb-role
          namespace: target
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: p-r
        subjects:
        - kind: ServiceAccount
          name: p-sa
          namespace: target
        - kind: ServiceAccount
          name: p-sa
          namespace: target
        - kind: ServiceAccount
          name: p-other
          namespace: target
        - kind: Group
          name: sa
          namespace: nowhere
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: p-crb
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: p-r
        subjects:
        - kind: ServiceAccount
          name: p-sa
          namespace: target
        - kind: ServiceAccount
          name: p-other
          namespace: target
      `,
    },
  ]);
});

describe("crds: field (kustomize's own test cases, expected output from kubectl kustomize)", () => {
  const cases = path.join(SHARED, "conformance/krusty/cases");
  for (const name of ["crd__TestCrdBase"]) {
    it.skipIf(!fs.existsSync(path.join(cases, name)))(name, () => {
      const dir = path.join(cases, name);
      const buildDir = fs.readFileSync(path.join(dir, "build-dir"), "utf8").trim();
      expectBuild(treeFromDisk(path.join(dir, "input")), fs.readFileSync(path.join(dir, "expected.yaml"), "utf8"), buildDir);
    });
  }
});
