import { describe, expect, it } from "vitest";
import { readKustomizationV3 } from "@kfrender/kfdef";
import { kfdefYaml, renderCapturing } from "./support/harness.js";

const COMP = "/kubeflow/kustomize/app";

function generated(kfdef: string, files: Record<string, string>, comp = COMP) {
  const { result, captured } = renderCapturing(kfdef, files);
  const text = captured.kustomizations.get(comp);
  if (text === undefined) {
    const failure = result.applications.find((a) => !a.ok);
    throw new Error(`no build of ${comp}: ${failure && !failure.ok ? failure.error.message : "?"}`);
  }
  const r = readKustomizationV3(text);
  if (!r.ok) throw new Error(r.reason);
  return { k: r.value, captured, result };
}

const app = (overlays: string[], params: [string, string][] = [], path = "app") =>
  `  - name: app
    kustomizeConfig:
      repoRef: {name: manifests, path: ${path}}
      overlays: [${overlays.join(", ")}]
      parameters: [${params.map(([n, v]) => `{name: ${n}, value: ${JSON.stringify(v)}}`).join(", ")}]
`;

describe("legacy-mode merge of base and overlays (spec §5, §5.1)", () => {
  it("a base without `bases` contributes only itself as a base; an overlay without `bases` likewise", () => {
    const { k } = generated(kfdefYaml(app(["plain"])), {
      "app/base/kustomization.yaml": "resources: [deployment.yaml]\nnamePrefix: base-\n",
      "app/overlays/plain/kustomization.yaml": "resources: [extra.yaml]\n",
    });
    expect(k).toEqual({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      bases: ["base", "overlays/plain"],
      namespace: "kubeflow",
    });
  });

  it("merges every v3 field of children with `bases` by the rules of §5.1", () => {
    const { k } = generated(kfdefYaml(app(["one", "two"])), {
      "app/base/kustomization.yaml": `bases: []
resources: [deployment.yaml, ../shared/svc.yaml]
namePrefix: base-
commonLabels: {app: a, tier: base}
commonAnnotations: {note: base}
images: [{name: img, newTag: "1"}]
vars:
- name: V
  objref: {kind: Service, name: s, apiVersion: v1}
  fieldref: {fieldpath: metadata.name}
configurations: [params.yaml]
generatorOptions: {disableNameSuffixHash: true}
crds: [crd.yaml]
patchesStrategicMerge: [p.yaml]
`,
      "app/overlays/one/kustomization.yaml": `bases: [../../base, ../../other]
resources: [extra.yaml, ../../base/deployment.yaml]
namePrefix: one-
nameSuffix: -one
commonLabels: {tier: one}
images: [{name: img, newTag: "2"}, {name: other, newName: x}]
vars:
- {name: V, objref: {kind: Service, name: t}}
- {name: W, objref: {kind: Service, name: w}}
patchesStrategicMerge: [p.yaml, ../../base/p.yaml]
configurations: [../../base/params.yaml, conf.yaml]
generatorOptions: {labels: {a: b}}
crds: [../../base/crd.yaml, crd.yaml]
namespace: ignored
replicas: [{name: d, count: 2}]
patches: [{path: x.yaml}]
components: [../../comp]
`,
      "app/overlays/two/kustomization.yaml": `bases: []\nnameSuffix: -two\ncommonLabels: {tier: two, extra: e}\ncommonAnnotations: {note: two}\n`,
      "app/base/p.yaml": "kind: Deployment\nmetadata: {name: d}\n",
    });
    expect(k).toEqual({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      namePrefix: "base-",
      nameSuffix: "-one",
      namespace: "kubeflow",
      commonLabels: { app: "a", tier: "two", extra: "e" },
      commonAnnotations: { note: "two" },
      patchesStrategicMerge: ["base/p.yaml", "overlays/one/p.yaml"],
      images: [
        { name: "img", newTag: "1" },
        { name: "other", newName: "x" },
      ],
      vars: [
        { name: "V", objref: { kind: "Service", name: "s", apiVersion: "v1" }, fieldref: { fieldPath: "metadata.name" } },
        { name: "W", objref: { kind: "Service", name: "w" }, fieldref: {} },
      ],
      resources: ["base/deployment.yaml", "shared/svc.yaml", "overlays/one/extra.yaml"],
      crds: ["crd.yaml", "../../base/crd.yaml"],
      // The base has `bases: []`, so it does not add itself; the overlay's ../../base does.
      bases: ["base", "other"],
      generatorOptions: { disableNameSuffixHash: true },
      configurations: ["base/params.yaml", "overlays/one/conf.yaml"],
    });
  });

  it("rewrites paths outside compDir into kfctl's broken relative form", () => {
    const { k } = generated(kfdefYaml(app(["o"])), {
      "app/base/kustomization.yaml": "bases: []\nresources: [../../../elsewhere.yaml]\n",
      "app/overlays/o/kustomization.yaml": "bases: [../../../../x]\n",
    });
    expect(k.resources).toEqual(["kubeflow/elsewhere.yaml"]);
    expect(k.bases).toEqual(["kubeflow/x"]);
  });

  it("merges configMapGenerator entries by behavior, rewriting generator paths", () => {
    const { k } = generated(kfdefYaml(app(["o", "p"])), {
      "app/base/kustomization.yaml": `bases: []
configMapGenerator:
- {name: a, env: params.env}
- {name: b, behavior: create, envs: [x.env, y.env], literals: [k=v]}
- {name: c, behavior: bogus, files: [f1.txt, key=f2.txt]}
secretGenerator:
- {name: s, type: Opaque, env: s.env}
- {name: t, behavior: create, files: [cert.pem]}
`,
      "app/overlays/o/kustomization.yaml": `bases: []
configMapGenerator:
- {name: b, behavior: create, literals: [dropped=1]}
- {name: a, behavior: merge, literals: [x=1]}
- {name: d, behavior: replace, namespace: ns, env: d.env}
secretGenerator:
- {name: t, behavior: create, literals: [dropped=1]}
- {name: s, behavior: merge, literals: [x=1]}
`,
      "app/overlays/p/kustomization.yaml": `bases: []
configMapGenerator:
- {name: e, behavior: create}
`,
    });
    expect(k.configMapGenerator).toEqual([
      { name: "a", behavior: "unspecified", env: "base/params.env" },
      { name: "b", envs: ["base/x.env", "base/y.env"], literals: ["k=v"] },
      { name: "c", behavior: "unspecified", env: "base/key=f2.txt" },
      { name: "a", behavior: "merge", literals: ["x=1"] },
      { name: "d", namespace: "ns", behavior: "replace", env: "overlays/o/d.env" },
      { name: "e" },
    ]);
    expect(k.secretGenerator).toEqual([
      { name: "s", type: "Opaque", behavior: "unspecified", env: "base/s.env" },
      { name: "t", behavior: "create", env: "base/cert.pem" },
      { name: "s", behavior: "merge", literals: ["x=1"] },
    ]);
  });

  it("sets the namespace from `namespace` parameters (last wins, even empty), else the KfDef's", () => {
    const files = { "app/base/kustomization.yaml": "resources: [a.yaml]\n" };
    expect(generated(kfdefYaml(app([], [["namespace", "a"], ["namespace", "b"]])), files).k.namespace).toBe("b");
    expect(generated(kfdefYaml(app([], [["namespace", "a"], ["namespace", ""]])), files).k.namespace).toBe("kubeflow");
    const noNs = kfdefYaml(app([])).replace("  namespace: kubeflow\n", "");
    expect(generated(noNs, files).k.namespace).toBeUndefined();
  });

  it("uses compDir's own kustomization alone when the base has none (no overlays, no params.env edit)", () => {
    const { k, captured } = generated(kfdefYaml(app(["ignored"], [["namespace", "p"], ["x", "1"]])), {
      "app/kustomization.yaml": "resources: [a.yaml]\nreplicas: [{name: d, count: 3}]\npatches: [{path: p.yaml, target: {kind: Deployment, labelSelector: a=b}}]\nnamespace: own\nnameprefix: p-\n",
      "app/params.env": "x=0\nnamespace=\n",
    });
    // Re-serialized through the v3 schema: replicas and patches survive, no apiVersion/kind is added.
    expect(k).toEqual({
      namePrefix: "p-",
      namespace: "own",
      resources: ["a.yaml"],
      replicas: [{ name: "d", count: 3n }],
      patches: [{ path: "p.yaml", target: { kind: "Deployment", labelSelector: "a=b" } }],
    });
    expect(captured.read(`${COMP}/params.env`)).toBe("x=0\nnamespace=\n");
  });

  it("defaults the alone kustomization's empty namespace to the KfDef's", () => {
    const { k } = generated(kfdefYaml(app([])), { "app/kustomization.yaml": "resources: [a.yaml]\n" });
    expect(k.namespace).toBe("kubeflow");
  });

  it("treats an unparsable base like a missing one", () => {
    const { k } = generated(kfdefYaml(app(["o"])), {
      "app/base/kustomization.yaml": "configMapGenerator:\n- name: 7\n",
      "app/kustomization.yaml": "resources: [self.yaml]\n",
    });
    expect(k.resources).toEqual(["self.yaml"]);
  });

  it("starts from an empty kustomization when neither base nor compDir has one", () => {
    const { k } = generated(kfdefYaml(app(["o"])), { "app/overlays/o/kustomization.yaml": "bases: []\nresources: [r.yaml]\n" });
    expect(k.resources).toEqual(["overlays/o/r.yaml"]);
    expect(k.bases).toBeUndefined();
  });

  it("merges an overlay listed twice twice", () => {
    const { k } = generated(kfdefYaml(app(["o", "o"])), {
      "app/overlays/o/kustomization.yaml": "bases: []\nconfigMapGenerator: [{name: c, behavior: merge, literals: [a=1]}]\n",
    });
    expect(k.configMapGenerator).toHaveLength(2);
  });

  it("updates params.env of the base and of each overlay before merging", () => {
    const { captured } = generated(kfdefYaml(app(["o"], [["x", "X"]])), {
      "app/base/kustomization.yaml": "resources: [a.yaml]\n",
      "app/base/params.env": "appName=\nx=1\nnamespace=\n",
      "app/overlays/o/kustomization.yaml": "bases: [../../base]\n",
      "app/overlays/o/params.env": "x=2\nproject=\n",
    });
    expect(captured.read(`${COMP}/base/params.env`)).toBe("appName=kf\nx=X\nnamespace=kubeflow\n");
    expect(captured.read(`${COMP}/overlays/o/params.env`)).toBe("x=X\nproject=\n");
    // The repository itself (its cache) is never edited.
    expect(captured.read(`/kubeflow/.cache/manifests/app/base/params.env`)).toBe("appName=\nx=1\nnamespace=\n");
  });

  it("fills project from the KfGcpPlugin and appName from the default name", () => {
    const kfdef = kfdefYaml(app([]), { spec: "  plugins:\n  - kind: KfGcpPlugin\n    spec: {project: my-proj}\n" }).replace("  name: kf\n", "");
    const { captured } = generated(kfdef, { "app/base/kustomization.yaml": "{}\n", "app/base/params.env": "project=\nappName=\n" });
    expect(captured.read(`${COMP}/base/params.env`)).toBe("project=my-proj\nappName=kubeflow\n");
  });
});

describe("JSON-patch aggregation (spec §5.3)", () => {
  it("groups patches by target name and kind into <name>-<kind>.yaml, first appearance order", () => {
    const { k, captured } = generated(kfdefYaml(app(["o"])), {
      "app/base/kustomization.yaml": `bases: []
patchesJson6902:
- {path: p1.yaml, target: {group: apps, version: v1, kind: Deployment, name: d, namespace: n1}}
- {path: p2.yaml, target: {version: v1, kind: Service, name: s}}
- {path: missing.yaml, target: {kind: Service, name: s}}
`,
      "app/overlays/o/kustomization.yaml": `bases: []
patchesJson6902:
- {path: p3.yaml, target: {kind: Deployment, name: d, namespace: other}}
- {path: ../../base/p1.yaml, target: {kind: Deployment, name: d}}
- {path: p4.yaml, target: {kind: Job, name: gone}}
`,
      "app/base/p1.yaml": "- op: add\n  path: /a\n  value: 1\n",
      "app/base/p2.yaml": "- op: add\n  path: /b\n  value: 2\n",
      "app/overlays/o/p3.yaml": "- op: add\n  path: /c\n  value: 3\n",
    });
    expect(k.patchesJson6902).toEqual([
      { path: "d-Deployment.yaml", target: { group: "apps", version: "v1", kind: "Deployment", name: "d", namespace: "n1" } },
      { path: "s-Service.yaml", target: { version: "v1", kind: "Service", name: "s" } },
      { path: "gone-Job.yaml", target: { kind: "Job", name: "gone" } },
    ]);
    expect(captured.read(`${COMP}/d-Deployment.yaml`)).toBe("- op: add\n  path: /a\n  value: 1\n- op: add\n  path: /c\n  value: 3\n");
    expect(captured.read(`${COMP}/s-Service.yaml`)).toBe("- op: add\n  path: /b\n  value: 2\n");
    expect(captured.read(`${COMP}/gone-Job.yaml`)).toBeUndefined();
  });
});

describe("generate failures name the application (spec §5, §8)", () => {
  const failure = (kfdef: string, files: Record<string, string>) => {
    const { result } = renderCapturing(kfdef, files);
    const a = result.applications.find((x) => x.name === "app")!;
    if (a.ok) throw new Error("expected a failure");
    return a.error;
  };

  it("a missing overlay", () => {
    const e = failure(kfdefYaml(app(["nope"])), { "app/base/kustomization.yaml": "{}\n" });
    expect(e.code).toBe("OVERLAY_MISSING");
    expect(e.message).toBe("application app: no overlay nope for component at /kubeflow/kustomize/app");
  });

  it("an overlay whose kustomization does not parse", () => {
    const e = failure(kfdefYaml(app(["bad"])), { "app/overlays/bad/kustomization.yaml": "kind: 1\n" });
    expect(e.code).toBe("KUSTOMIZATION_UNPARSABLE");
    expect(e.message).toMatch(/^application app: overlay bad: cannot read/);
  });

  it("a JSON patch without target", () => {
    expect(failure(kfdefYaml(app([])), { "app/base/kustomization.yaml": "bases: []\npatchesJson6902: [{path: p.yaml}]\n" }).message).toMatch(/has no target/);
  });

  it("a patchesStrategicMerge whose base copy is missing or has no kind", () => {
    expect(failure(kfdefYaml(app([])), { "app/base/kustomization.yaml": "bases: []\npatchesStrategicMerge: [../x/p.yaml]\n" }).code).toBe("PATCH_BASE");
    expect(
      failure(kfdefYaml(app([])), { "app/base/kustomization.yaml": "bases: []\npatchesStrategicMerge: [p.yaml]\n", "app/base/p.yaml": "metadata: {name: x}\n" }).message,
    ).toMatch(/Kind' is missing/);
    expect(
      failure(kfdefYaml(app([])), {
        "app/base/kustomization.yaml": "bases: []\npatchesStrategicMerge: [p.yaml]\n",
        "app/base/p.yaml": "apiVersion: kfdef.apps.kubeflow.org/v1\nkind: KfDef\n",
      }).message,
    ).toMatch(/merging KfDef packages is not supported/);
  });

  it("a repoRef.path that is not in the repository", () => {
    expect(failure(kfdefYaml(app([], [], "nowhere")), {}).code).toBe("APP_PATH_MISSING");
  });

  it("a path kfctl could not rewrite", () => {
    expect(failure(kfdefYaml(app([])), { "app/base/kustomization.yaml": "bases: []\nresources: [../../apps]\n" }).code).toBe("PATH_REWRITE");
  });
});
