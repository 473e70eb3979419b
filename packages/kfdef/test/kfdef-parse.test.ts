import { describe, expect, it } from "vitest";
import { KfDefError, effectiveName, parseKfDef, wantsInstanceAnnotation } from "@kfrender/kfdef";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KfDefError);
    return (e as KfDefError).code;
  }
  throw new Error("no error");
};

describe("parseKfDef (spec §1)", () => {
  it("reads the fields rendering uses, typed as kfctl read them", () => {
    const k = parseKfDef(`apiVersion: kfdef.apps.kubeflow.org/v1
kind: KfDef
metadata:
  name: kf
  namespace: ns
  annotations:
    kfctl.kubeflow.io/set-kubeflow-annotation: true
spec:
  plugins:
  - kind: KfAwsPlugin
    spec: {region: x}
  - kind: KfGcpPlugin
    spec: {project: 12}
  repos:
  - {name: manifests, uri: a}
  - {name: manifests, uri: b}
  applications:
  - name: app
    kustomizeConfig:
      repoRef: {name: manifests, path: x/y}
      overlays: [istio, application]
      parameters:
      - {name: a, value: 1.0}
      - {name: b, value: on}
      - {name: c}
  - name: bare
---
apiVersion: ignored
`);
    expect(k.name).toBe("kf");
    expect(k.namespace).toBe("ns");
    expect(k.project).toBe("12");
    expect(k.repos).toEqual([{ name: "manifests", uri: "a" }]);
    expect(k.applications).toEqual([
      {
        name: "app",
        kustomizeConfig: {
          repoRef: { name: "manifests", path: "x/y" },
          overlays: ["istio", "application"],
          parameters: [
            { name: "a", value: "1" },
            { name: "b", value: "true" },
            { name: "c", value: "" },
          ],
        },
      },
      { name: "bare" },
    ]);
    expect(wantsInstanceAnnotation(k)).toBe(true);
  });

  it("accepts v1beta1, where an application may lack a name; defaults the name to kubeflow", () => {
    const k = parseKfDef(`apiVersion: kfdef.apps.kubeflow.org/v1beta1\nkind: KfDef\nspec:\n  applications:\n  - kustomizeConfig: {}\n`);
    expect(k.applications[0]!.name).toBe("");
    expect(effectiveName(k)).toBe("kubeflow");
    expect(k.namespace).toBe("");
  });

  it("refuses other apiVersions, naming them", () => {
    expect(code(() => parseKfDef(`apiVersion: kfdef.apps.kubeflow.org/v1alpha1\nkind: KfDef\n`))).toBe("KFDEF_API_VERSION");
    expect(() => parseKfDef(`apiVersion: v1\nkind: ConfigMap\n`, "cm.yaml")).toThrow(/cm.yaml: unsupported apiVersion "v1"/);
  });

  it("refuses a v1 application without a name, naming its position", () => {
    expect(() => parseKfDef(`apiVersion: kfdef.apps.kubeflow.org/v1\nspec:\n  applications:\n  - name: a\n  - kustomizeConfig: {}\n`)).toThrow(
      /spec.applications\[1\] has no name/,
    );
  });

  it("reports wrong types and bad YAML as KFDEF_INVALID with the field", () => {
    expect(() => parseKfDef(`apiVersion: kfdef.apps.kubeflow.org/v1\nspec:\n  applications:\n  - name: a\n    kustomizeConfig:\n      overlays: istio\n`)).toThrow(
      /spec.applications\[0\].kustomizeConfig.overlays: cannot unmarshal string into a list/,
    );
    expect(code(() => parseKfDef(`a: [`))).toBe("KFDEF_INVALID");
    expect(code(() => parseKfDef(`- a`))).toBe("KFDEF_INVALID");
  });
});
