import { describe } from "vitest";
import { type BuildCase, buildCases, y } from "./transformers-harness.js";
import { bareObject, kustomizationTree } from "./support/kustomize-tree.js";

/** A `replicas` entry (count 3) for `target`, which no object the replicas field specs cover has. */
function replicasMismatch(name: string, target: string, resources: string): BuildCase {
  return {
    name,
    tree: kustomizationTree({ fields: `replicas:\n- name: ${target}\n  count: 3\n`, resources }),
    error:
      `resource with name ${target} does not match a config with the following GVK ` +
      "[Deployment.[noVer].[noGrp] StatefulSet.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] ReplicationController.[noVer].[noGrp]]",
  };
}

describe("images and replicas (expected output from kubectl kustomize)", () => {
  buildCases([
    {
      name: "image matching: tags, digests, registries with ports, names as patterns",
      tree: kustomizationTree({
        fields: y`
          images:
          - name: nginx
            newTag: "1.2"
          - name: busybox
            newName: my/busybox
          - name: redis
            digest: sha256:deadbeef
          - name: a.io/x
            newName: b.io/y
            newTag: v2
            digest: sha256:1111
          - name: tagsuf
            tagSuffix: -fips
          - name: tagsuf2
            tagSuffix: -fips
            newTag: v9
          - name: dotted.name
            newTag: dd
          - name: localhost:5000/app
            newTag: lp
        `,
        resources: y`
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
          spec:
            containers:
            - name: a
              image: nginx
            - name: b
              image: nginx:1.0
            - name: c
              image: nginx@sha256:abc
            - name: d
              image: nginx:1.0@sha256:abc
            - name: e
              image: busybox:1.3
            - name: f
              image: redis:5
            - name: g
              image: a.io/x:old
            - name: h
              image: tagsuf:1.0
            - name: i
              image: tagsuf
            - name: j
              image: tagsuf2:1.0
            - name: k
              image: dottedXname:1
            - name: l
              image: localhost:5000/app:1
            - name: m
              image: docker.io/nginx:1
            - name: n
              image: nginx:{{tag}}
            initContainers:
            - name: z
              image: nginx
            ephemeralContainers:
            - name: y
              image: nginx
          ---
          apiVersion: example.com/v1
          kind: Foo
          metadata:
            name: f
          spec:
            deep:
              containers:
              - image: nginx
              initContainers:
              - image: busybox
              other:
              - image: nginx
            image: nginx
            volumes:
            - image:
                reference: nginx
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: crd
          spec:
            containers:
            - image: nginx
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
          spec:
            template:
              spec:
                volumes:
                - name: v
                  image:
                    reference: nginx
                containers:
                - image: redis@sha256:aaa
                  name: q
        `,
      }),
      expected: y`
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crd
        spec:
          containers:
          - image: nginx
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - image: redis@sha256:deadbeef
                name: q
              volumes:
              - image:
                  reference: nginx
                name: v
        ---
        apiVersion: example.com/v1
        kind: Foo
        metadata:
          name: f
        spec:
          deep:
            containers:
            - image: nginx:1.2
            initContainers:
            - image: my/busybox
            other:
            - image: nginx
          image: nginx
          volumes:
          - image:
              reference: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - image: nginx:1.2
            name: a
          - image: nginx:1.2
            name: b
          - image: nginx:1.2
            name: c
          - image: nginx:1.2
            name: d
          - image: my/busybox:1.3
            name: e
          - image: redis@sha256:deadbeef
            name: f
          - image: b.io/y:v2@sha256:1111
            name: g
          - image: tagsuf:1.0-fips-fips
            name: h
          - image: tagsuf:-fips-fips
            name: i
          - image: tagsuf2:v9
            name: j
          - image: dottedXname:dd
            name: k
          - image: localhost:5000/app:lp
            name: l
          - image: docker.io/nginx:1
            name: m
          - image: nginx:1.2
            name: "n"
          ephemeralContainers:
          - image: nginx
            name: "y"
          initContainers:
          - image: nginx:1.2
            name: z
      `,
    },
    {
      name: "tagSuffix shows which images are visited twice",
      tree: kustomizationTree({
        fields: y`
          images:
          - name: t
            tagSuffix: -s
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
          spec:
            template:
              spec:
                containers:
                - image: t:1
                  name: q
                initContainers:
                - image: t:1
                  name: q
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
                    containers:
                    - image: t:1
                      name: q
          ---
          apiVersion: example.com/v1
          kind: Foo
          metadata:
            name: f
          spec:
            containers:
            - image: t:1
            template:
              spec:
                containers:
                - image: t:1
            image: t:1
          ---
          apiVersion: example.com/v1
          kind: Bar
          metadata:
            name: b
          spec:
            containers:
              image: t:1
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
          spec:
            containers:
            - image: t:1
              name: x
            - name: y
        `,
      }),
      expected: y`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - image: t:1-s-s
                name: q
              initContainers:
              - image: t:1-s-s
                name: q
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
                  containers:
                  - image: t:1-s
                    name: q
        ---
        apiVersion: example.com/v1
        kind: Bar
        metadata:
          name: b
        spec:
          containers:
            image: t:1-s
        ---
        apiVersion: example.com/v1
        kind: Foo
        metadata:
          name: f
        spec:
          containers:
          - image: t:1-s-s
          image: t:1
          template:
            spec:
              containers:
              - image: t:1-s-s
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - image: t:1-s-s
            name: x
          - name: "y"
      `,
    },
    {
      name: "replicas by current or original name; quoted counts stay strings",
      tree: kustomizationTree({
        fields: y`
          namePrefix: p-
          replicas:
          - name: d
            count: 3
          - name: p-ss
            count: 0
          - name: rc
            count: 5
        `,
        resources: y`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: d
          spec:
            replicas: 1
          ---
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: ss
          ---
          apiVersion: v1
          kind: ReplicationController
          metadata:
            name: rc
          spec:
            replicas: "2"
          ---
          apiVersion: example.com/v1
          kind: Deployment
          metadata:
            name: rc
        `,
      }),
      expected: y`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: p-d
        spec:
          replicas: 3
        ---
        apiVersion: example.com/v1
        kind: Deployment
        metadata:
          name: p-rc
        spec:
          replicas: 5
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: p-ss
        spec:
          replicas: 0
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: p-rc
        spec:
          replicas: "5"
      `,
    },
    replicasMismatch("a replicas name matching nothing", "nope", bareObject("apps/v1", "Deployment", "d")),
    replicasMismatch("a replicas name matching only another kind", "d", bareObject("v1", "ConfigMap", "d")),
  ]);
});
