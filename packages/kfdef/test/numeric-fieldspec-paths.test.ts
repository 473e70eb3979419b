import { describe, expect, it } from "vitest";
import { MemoryFileSystem } from "@kfrender/kustomize";
import { WorkingCopy, hasNumericSegment, stripNumericFieldSpecPaths, stripNumericPaths } from "@kfrender/kfdef";

describe("kustomize v3 numeric field-spec paths (spec §7.1)", () => {
  it.each([
    ["spec/template/spec/containers/0/env/0/value", true],
    ["spec/template/spec/containers/1/args/5", true],
    ["spec/containers[]/image", false],
    ["metadata/annotations/a\\/0", false],
    ["a/0b/c", false],
    ["a//b", false],
    ["0", true],
  ])("%s → %s", (p, want) => {
    expect(hasNumericSegment(p)).toBe(want);
  });

  it("removes such entries under every top-level list and nameReference fieldSpecs, nothing else", () => {
    const text = `varReference:
- path: spec/template/spec/containers/0/env/0/value
  kind: Deployment
- path: spec/template/spec/containers/env/value
  kind: Deployment
- {path: 7, kind: X}
- {path: ~, kind: Y}
commonLabels:
- {Path: a/1, kind: Z}
nameReference:
- kind: Service
  fieldSpecs:
  - {path: spec/0/name, kind: W}
  - {path: spec/name, kind: W}
namespace: {path: 1}
`;
    const out = stripNumericPaths(text)!;
    expect(out).toBe(`varReference:
  - path: spec/template/spec/containers/env/value
    kind: Deployment
  - { path: ~, kind: Y }
commonLabels: []
nameReference:
  - kind: Service
    fieldSpecs:
      - { path: spec/name, kind: W }
namespace: { path: 1 }
`);
    expect(stripNumericPaths("varReference:\n- path: a/b\n")).toBeUndefined();
  });

  it("filters the configuration files of every kustomization the build reads, in the working copy only", () => {
    const lower = new MemoryFileSystem({
      "/repo/app/kustomization.yaml": "resources: [../base, ../missing, deploy.yaml]\nconfigurations: [c.yaml]\n",
      "/repo/app/c.yaml": "varReference:\n- path: a/0/b\n",
      "/repo/base/kustomization.yml": "bases: [../lib]\nconfigurations: [params.yaml, nope.yaml]\n",
      "/repo/base/params.yaml": "varReference:\n- path: spec/containers/1/args/5\n  kind: Deployment\n- path: ok\n",
      "/repo/lib/Kustomization": "configurations: [../base/params.yaml, l.yaml]\n",
      "/repo/lib/l.yaml": "images:\n- path: x/2\n",
      "/repo/unread/kustomization.yaml": "configurations: [u.yaml]\n",
      "/repo/unread/u.yaml": "images:\n- path: x/2\n",
    });
    const wc = new WorkingCopy();
    wc.mounts.mount("/kubeflow/.cache/manifests", lower, "/repo");
    const changed = stripNumericFieldSpecPaths(wc, "/kubeflow/.cache/manifests/app");
    expect(changed.sort()).toEqual([
      "/kubeflow/.cache/manifests/app/c.yaml",
      "/kubeflow/.cache/manifests/base/params.yaml",
      "/kubeflow/.cache/manifests/lib/l.yaml",
    ]);
    expect(wc.readFile("/kubeflow/.cache/manifests/base/params.yaml")).toBe("varReference:\n  - path: ok\n");
    expect(wc.readFile("/kubeflow/.cache/manifests/unread/u.yaml")).toBe("images:\n- path: x/2\n");
    expect(lower.readFile("/repo/base/params.yaml")).toContain("args/5");
  });
});
