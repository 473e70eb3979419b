import { describe, expect, it } from "vitest";
import { parseAllDocuments, type YamlMap } from "@kfrender/yaml";
import { build, KustomizeError, MemoryFileSystem } from "@kfrender/kustomize";
import { generateIamPolicy } from "../src/generators/iam-policy-generator.js";
import { Resource } from "../src/resource/resource.js";
import { kustomizeErrorMessage } from "./support/errors.js";

// Behaviour below was observed with `kubectl kustomize` (kustomize v5.5.0); the byte-exact
// outputs are in fixtures/iamPolicyGenerator/.

const config = (body: string) =>
  new Resource(parseAllDocuments(`apiVersion: builtin\nkind: IAMPolicyGenerator\nmetadata:\n  name: g\n${body}`)[0] as YamlMap);

const message = kustomizeErrorMessage;

describe("IAMPolicyGenerator", () => {
  it("makes a GKE Workload Identity ServiceAccount, namespaced when asked", () => {
    const [sa] = generateIamPolicy(
      config("cloud: gke\nkubernetesService:\n  name: ksa\n  namespace: apps\nserviceAccount:\n  name: gsa\n  projectId: proj\n"),
      "k.yaml",
    );
    expect(sa!.obj).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        annotations: { "iam.gke.io/gcp-service-account": "gsa@proj.iam.gserviceaccount.com" },
        name: "ksa",
        namespace: "apps",
      },
    });
    const [plain] = generateIamPolicy(config("cloud: gke\nkubernetesService:\n  name: ksa\nserviceAccount:\n  name: gsa\n  projectId: proj\n"), "k.yaml");
    expect(plain!.metadata).not.toHaveProperty("namespace");
  });

  it("reads the values as YAML, as kustomize's template does", () => {
    const [sa] = generateIamPolicy(
      config('cloud: gke\nkubernetesService:\n  name: ksa\nserviceAccount:\n  name: "gsa #comment"\n  projectId: p\n'),
      "k.yaml",
    );
    expect(sa!.annotations()["iam.gke.io/gcp-service-account"]).toBe("gsa");
  });

  it("refuses what kubectl refuses", () => {
    expect(message(() => generateIamPolicy(config("cloud: aws\n"), "k.yaml"))).toBe("cloud provider aws not supported yet");
    expect(message(() => generateIamPolicy(config("kubernetesService:\n  name: k\n"), "k.yaml"))).toBe("cloud provider  not supported yet");
    expect(message(() => generateIamPolicy(config("cloud: gke\nserviceAccount:\n  name: gsa\n  projectId: p\n"), "k.yaml"))).toBe(
      "missing metadata.name in object {{v1 ServiceAccount} {{ } map[] map[iam.gke.io/gcp-service-account:gsa@p.iam.gserviceaccount.com]}}",
    );
    expect(message(() => generateIamPolicy(config("cloud: gke\nkubernetesService:\n  name: k\n"), "k.yaml"))).toBe(
      "yaml: line 6: found character that cannot start any token",
    );
    expect(
      message(() => generateIamPolicy(config("cloud: gke\nkubernetesService:\n  name: k\nserviceAccount:\n  name: 12\n"), "k.yaml")),
    ).toContain("cannot unmarshal number into Go struct field ServiceAccount.serviceAccount.name of type string");
  });

  it("runs from `generators:`, before the kustomization's own transformers", () => {
    const files = {
      "/t/kustomization.yaml": [
        "namePrefix: x-",
        "namespace: team",
        "generators:",
        "- |-",
        "  apiVersion: builtin",
        "  kind: IAMPolicyGenerator",
        "  metadata:",
        "    name: g",
        "  cloud: gke",
        "  kubernetesService:",
        "    name: workload",
        "  serviceAccount:",
        "    name: robot",
        "    projectId: p",
        "",
      ].join("\n"),
    };
    const [sa] = build("/t", { fs: new MemoryFileSystem(files) }).resources;
    expect([sa!.namespace, sa!.name]).toEqual(["team", "x-workload"]);
  });

  it("will not overwrite a ServiceAccount that exists", () => {
    const files = {
      "/t/kustomization.yaml":
        "resources: [sa.yaml]\ngenerators:\n- |-\n  apiVersion: builtin\n  kind: IAMPolicyGenerator\n  metadata:\n    name: g\n  cloud: gke\n  kubernetesService:\n    name: ksa\n  serviceAccount:\n    name: gsa\n    projectId: p\n",
      "/t/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ksa\n",
    };
    expect(message(() => build("/t", { fs: new MemoryFileSystem(files) }))).toContain("exists; behavior must be merge or replace");
  });
});
