import { describe, expect, it } from "vitest";
import { KFDEF_INSTANCE_ANNOTATION, applicationFileName, readKustomizationV3 } from "@kfrender/kfdef";
import { kfdefYaml, renderCapturing } from "./support/harness.js";

const app = (name: string, path = name, overlays = "[]") =>
  `  - name: ${name}\n    kustomizeConfig:\n      repoRef: {name: manifests, path: ${path}}\n      overlays: ${overlays}\n`;
const deployment = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - image: ${image}\n        name: c\n`;

describe("renderKfDef orchestration (spec §3, §7.4, §8)", () => {
  it("renders distinct names in first-occurrence order and sorts each application's documents stably", () => {
    const { result, captured } = renderCapturing(kfdefYaml(app("b") + app("a") + app("b", "b2")), {
      "a/base/kustomization.yaml": "{}\n",
      "b/base/kustomization.yaml": "{}\n",
      "b2/x.yaml": "",
    }, {
      outputs: {
        "/kubeflow/kustomize/b": "kind: Zeta\n---\nkind: Deployment\nmetadata:\n  name: d1\n---\nkind: Alpha\n---\nkind: Namespace\n---\nkind: Deployment\nmetadata:\n  name: d0\n",
        "/kubeflow/kustomize/a": "kind: Service\n",
      },
    });
    expect(captured.builds).toEqual(["/kubeflow/kustomize/b", "/kubeflow/kustomize/a"]);
    expect(result.applications.map((a) => [a.name, a.position, a.fileName])).toEqual([
      ["b", 1, "01-b.yaml"],
      ["a", 2, "02-a.yaml"],
    ]);
    expect(result.yaml).toBe("kind: Namespace\n---\nkind: Deployment\nmetadata:\n  name: d1\n---\nkind: Deployment\nmetadata:\n  name: d0\n---\nkind: Alpha\n---\nkind: Zeta\n---\nkind: Service\n");
    // The duplicate generated again into the same compDir: b2's file is there too.
    expect(captured.read("/kubeflow/kustomize/b/x.yaml")).toBe("");
  });

  it("prints nothing for an application without resources", () => {
    const { result } = renderCapturing(kfdefYaml(app("a")), { "a/base/kustomization.yaml": "{}\n" });
    expect(result.yaml).toBe("");
    expect(result.applications[0]).toMatchObject({ ok: true, yaml: "" });
  });

  it("fails every application when there is no manifests repository", () => {
    const { result } = renderCapturing(kfdefYaml(app("a")), {}, { repos: {} });
    expect(result.errors.map((e) => [e.app, e.code])).toEqual([["a", "REPO_MANIFESTS_MISSING"]]);
    expect(result.errors[0]!.message).toMatch(/Repo manifests not listed in KfDef.Status/);
  });

  it("ignores directories of repositories the KfDef does not list, and fails applications of unknown repos", () => {
    const kfdef = kfdefYaml(app("a") + `  - name: b\n    kustomizeConfig:\n      repoRef: {name: other, path: b}\n  - name: c\n`);
    const { result } = renderCapturing(kfdef, { "a/base/kustomization.yaml": "{}\n" }, { repos: { manifests: "/repo", other: "/repo" } });
    expect(result.applications.map((a) => (a.ok ? "ok" : a.error.code))).toEqual(["ok", "APP_REPO_MISSING", "APP_NO_KUSTOMIZE_CONFIG"]);
    expect(result.errors[0]!.message).toBe('application b refers to repo "other" which has no directory (not listed in spec.repos)');
  });

  it("keeps going past failed applications unless asked to stop, naming each failure", () => {
    const files = { "a/base/kustomization.yaml": "{}\n", "b/base/kustomization.yaml": "{}\n", "c/base/kustomization.yaml": "{}\n" };
    const kfdef = kfdefYaml(app("a") + app("b", "b", "[missing]") + app("c"));
    const outputs = { "/kubeflow/kustomize/a": "kind: A\n", "/kubeflow/kustomize/c": new Error("boom") };
    const all = renderCapturing(kfdef, files, { outputs }).result;
    expect(all.applications.map((a) => a.ok)).toEqual([true, false, false]);
    expect(all.errors.map((e) => [e.code, e.message])).toEqual([
      ["OVERLAY_MISSING", "application b: no overlay missing for component at /kubeflow/kustomize/b"],
      ["BUILD", "application c: kustomize build failed: boom"],
    ]);
    expect(all.yaml).toBe("kind: A\n");
    const stopped = renderCapturing(kfdef, files, { outputs, stopOnError: true });
    expect(stopped.captured.builds).toEqual([]);
    expect(stopped.result.errors.map((e) => e.app)).toEqual(["b"]);
  });

  it("reports progress per application", () => {
    const events: string[] = [];
    renderCapturing(kfdefYaml(app("a") + app("b", "b", "[x]")), { "a/base/kustomization.yaml": "{}\n" }, {
      outputs: { "/kubeflow/kustomize/a": "kind: A\n" },
      onProgress: (e) => events.push(`${e.position}/${e.total} ${e.app} ${e.phase}${e.documents !== undefined ? ` ${e.documents}` : ""}`),
    });
    expect(events).toEqual(["1/2 a start", "1/2 a done 1", "2/2 b failed"]);
  });

  it("names per-application files NN-name.yaml with odd characters replaced", () => {
    expect(applicationFileName(3, "cert-manager")).toBe("03-cert-manager.yaml");
    expect(applicationFileName(7, "a b/c:d")).toBe("07-a_b_c_d.yaml");
    expect(applicationFileName(120, "x")).toBe("120-x.yaml");
  });
});

describe("stacks mode (spec §4)", () => {
  it("applies to every application once kubeflow-apps is present: compDir lists the stack, nothing else", () => {
    const kfdef = kfdefYaml(app("kubeflow-apps", "stacks/kubernetes", "[ignored]") + app("istio", "stacks/istio") + app("istio", "stacks/istio2"));
    const { result, captured } = renderCapturing(kfdef, { "stacks/kubernetes/params.env": "namespace=\n" });
    expect(result.mode).toBe("stacks");
    const k = (dir: string) => {
      const r = readKustomizationV3(captured.kustomizations.get(dir)!);
      if (!r.ok) throw new Error(r.reason);
      return r.value;
    };
    expect(k("/kubeflow/kustomize/kubeflow-apps")).toEqual({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: ["../../.cache/manifests/stacks/kubernetes"],
    });
    expect(k("/kubeflow/kustomize/istio").resources).toEqual(["../../.cache/manifests/stacks/istio", "../../.cache/manifests/stacks/istio2"]);
    expect(captured.read("/kubeflow/.cache/manifests/stacks/kubernetes/params.env")).toBe("namespace=\n");
  });
});

describe("image rewriting and the instance annotation", () => {
  it("builds the airgap wrapper next to compDir with one images entry per sorted name", () => {
    const first = deployment("d", "gcr.io/b/x:1") + "---\n" + deployment("e", "docker.io/a@sha256:00");
    const { captured } = renderCapturing(kfdefYaml(app("a")), { "a/base/kustomization.yaml": "{}\n" }, {
      airgapRegistry: "registry.local:5000/",
      outputs: { "/kubeflow/kustomize/a": first, "/kubeflow/kustomize/a.airgap": "kind: Rewritten\n" },
    });
    expect(captured.builds).toEqual(["/kubeflow/kustomize/a", "/kubeflow/kustomize/a.airgap"]);
    expect(captured.read("/kubeflow/kustomize/a.airgap/first-build.yaml")).toBe(first);
    expect(captured.read("/kubeflow/kustomize/a.airgap/kustomization.yaml")).toBe(
      `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- "first-build.yaml"
images:
- name: "docker.io/a"
  newName: "registry.local:5000/docker.io/a"
- name: "gcr.io/b/x"
  newName: "registry.local:5000/gcr.io/b/x"
`,
    );
  });

  it("skips the wrapper when the output has no image", () => {
    const { captured, result } = renderCapturing(kfdefYaml(app("a")), { "a/base/kustomization.yaml": "{}\n" }, {
      airgapRegistry: "r/",
      outputs: { "/kubeflow/kustomize/a": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: x\n" },
    });
    expect(captured.builds).toEqual(["/kubeflow/kustomize/a"]);
    expect(result.yaml).toMatch(/image: x/);
  });

  it("uses the next free wrapper name when <compDir>.airgap exists", () => {
    const { captured } = renderCapturing(kfdefYaml(app("a") + app("a.airgap", "b")), {
      "a/base/kustomization.yaml": "{}\n",
      "b/base/kustomization.yaml": "{}\n",
    }, { airgapRegistry: "r/", outputs: { "/kubeflow/kustomize/a": deployment("d", "x") } });
    expect(captured.builds).toContain("/kubeflow/kustomize/a.airgap2");
  });

  it("stamps the instance annotation (asked by the KfDef) on all but the profiles CRD", () => {
    const kfdef = kfdefYaml(app("a"), { metadata: "  annotations:\n    kfctl.kubeflow.io/set-kubeflow-annotation: \"true\"\n" });
    const out =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: profiles.kubeflow.org\n---\n" +
      "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    z: \"1\"\n  name: s\n";
    const { result } = renderCapturing(kfdef, { "a/base/kustomization.yaml": "{}\n" }, { outputs: { "/kubeflow/kustomize/a": out } });
    expect(result.documents[0]!.text).toBe("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: profiles.kubeflow.org\n");
    expect(result.documents[1]!.text).toContain(`${KFDEF_INSTANCE_ANNOTATION}: kf.kubeflow`);
    expect(result.documents[1]!.text).toContain(`z: "1"`);
    const off = renderCapturing(kfdef, { "a/base/kustomization.yaml": "{}\n" }, { annotateInstance: false, outputs: { "/kubeflow/kustomize/a": out } });
    expect(off.result.yaml).toBe(out);
  });

  it("rewrites image prefixes, first matching rule wins, other documents untouched", () => {
    const out = deployment("d", "gcr.io/kubeflow-images-public/x:1") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: gcr.io/kubeflow-images-public/y\n";
    const { result } = renderCapturing(kfdefYaml(app("a")), { "a/base/kustomization.yaml": "{}\n" }, {
      imagePrefixes: [
        { from: "gcr.io/kubeflow-images-public/", to: "mirror.local/kf/" },
        { from: "gcr.io/", to: "never/" },
      ],
      outputs: { "/kubeflow/kustomize/a": out },
    });
    expect(result.documents.map((d) => d.kind)).toEqual(["ConfigMap", "Deployment"]);
    expect(result.documents[0]!.text).toContain("image: gcr.io/kubeflow-images-public/y");
    expect(result.documents[1]!.text).toContain("image: mirror.local/kf/x:1");
  });
});
