import { describe, expect, it } from "vitest";
import { build, buildToYaml, KustomizeError, MemoryFileSystem } from "@kfrender/kustomize";
import {
  ORIGIN_ANNOTATION,
  TRANSFORMATIONS_ANNOTATION,
  buildMetadataState,
  joinOriginPath,
  originText,
  recordTransformation,
  transformationsText,
} from "../src/build-metadata/index.js";
import { ResMap } from "../src/resource/res-map.js";
import { Resource } from "../src/resource/resource.js";

const CM = (name: string, extra = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

function tree(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/t/${p}`, c])));
}

function annotations(r: Resource): Record<string, unknown> {
  return (r.metadata?.annotations ?? {}) as Record<string, unknown>;
}

describe("joinOriginPath (Go's path.Join)", () => {
  it("starts from the root as an empty path", () => {
    expect(joinOriginPath("", "service.yaml")).toBe("service.yaml");
    expect(joinOriginPath("", "")).toBe("");
  });
  it("cleans dots and trailing slashes", () => {
    expect(joinOriginPath("", "./base/")).toBe("base");
    expect(joinOriginPath("../base", "./cm.yaml")).toBe("../base/cm.yaml");
    expect(joinOriginPath("../a", "../b")).toBe("../b");
    expect(joinOriginPath("../a/../b", "x.yaml")).toBe("../b/x.yaml");
  });
});

describe("annotation texts (kyaml's Marshal of kustomize's Origin)", () => {
  it("writes a file origin as one line", () => {
    expect(originText({ path: "../base/cm.yaml" })).toBe("path: ../base/cm.yaml\n");
  });
  it("keeps the struct's field order and leaves out empty fields", () => {
    expect(
      originText({ configuredIn: "kustomization.yaml", configuredBy: { apiVersion: "builtin", kind: "ConfigMapGenerator", name: "" } }),
    ).toBe("configuredIn: kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n");
  });
  it("writes lists with unindented items", () => {
    const o = { configuredIn: "k.yaml", configuredBy: { apiVersion: "builtin", kind: "PrefixTransformer", name: "p", namespace: "ns" } };
    expect(transformationsText([o, { path: "x" }])).toBe(
      "- configuredIn: k.yaml\n  configuredBy:\n    apiVersion: builtin\n    kind: PrefixTransformer\n    name: p\n    namespace: ns\n- path: x\n",
    );
  });
  it("quotes paths YAML would not read back as the same text", () => {
    expect(originText({ path: "123" })).toBe('path: "123"\n');
    expect(originText({ path: "yes" })).toBe('path: "yes"\n');
    expect(originText({ path: "1e5" })).toBe('path: "1e5"\n');
    expect(originText({ path: "[x].yaml" })).toBe("path: '[x].yaml'\n");
    expect(originText({ path: "a: b.yaml" })).toBe("path: 'a: b.yaml'\n");
    expect(originText({ path: "x'y.yaml" })).toBe("path: x'y.yaml\n");
    expect(originText({ path: "-a.yaml" })).toBe("path: -a.yaml\n");
    expect(originText({ path: "my file.yaml" })).toBe("path: my file.yaml\n");
    expect(originText({ path: "a,b{c}.yaml" })).toBe("path: a,b{c}.yaml\n");
    expect(originText({ path: "t:" })).toBe("path: 't:'\n");
    expect(originText({ path: "%p.yaml" })).toBe("path: '%p.yaml'\n");
  });
});

describe("buildMetadataState", () => {
  it("is absent for an empty or missing list, so plain builds track nothing", () => {
    expect(buildMetadataState({})).toBeUndefined();
    expect(buildMetadataState({ buildMetadata: [] })).toBeUndefined();
  });
  it("tracks for any non-empty list, printing only what is named", () => {
    expect(buildMetadataState({ buildMetadata: ["other"] })).toMatchObject({ origin: false, transformations: false, managedBy: false });
    expect(buildMetadataState({ buildMetadata: ["transformerAnnotations", "managedByLabel"] })).toMatchObject({
      origin: false,
      transformations: true,
      managedBy: true,
    });
  });
});

describe("recordTransformation (kustomize's AddTransformerAnnotation)", () => {
  const prefix = { configuredIn: "kustomization.yaml", configuredBy: { apiVersion: "builtin", kind: "PrefixTransformer" } };
  const withOrigin = () => new Resource({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", annotations: { [ORIGIN_ANNOTATION]: "path: a.yaml\n" } } });

  it("makes the transformer the origin of a resource that has none", () => {
    const m = new ResMap();
    m.append(new Resource({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }));
    recordTransformation(m, prefix);
    expect(annotations(m.resources()[0]!)).toEqual({ [ORIGIN_ANNOTATION]: originText(prefix) });
  });

  it("appends to every resource, as many times as asked", () => {
    const m = new ResMap();
    m.append(withOrigin());
    recordTransformation(m, prefix, 2);
    recordTransformation(m, { path: "p.yaml" });
    expect(annotations(m.resources()[0]!)[TRANSFORMATIONS_ANNOTATION]).toBe(transformationsText([prefix, prefix, { path: "p.yaml" }]));
  });

  it("rewrites a list it did not write, as kustomize re-marshals it", () => {
    const r = withOrigin();
    annotations(r)[TRANSFORMATIONS_ANNOTATION] = "- {configuredIn: up.yaml, extra: 1}\n";
    const m = new ResMap();
    m.append(r);
    recordTransformation(m, prefix);
    expect(annotations(r)[TRANSFORMATIONS_ANNOTATION]).toBe(transformationsText([{ configuredIn: "up.yaml" }, prefix]));
  });

  it("refuses a transformations annotation that is not a list", () => {
    const r = withOrigin();
    annotations(r)[TRANSFORMATIONS_ANNOTATION] = "text";
    const m = new ResMap();
    m.append(r);
    expect(() => recordTransformation(m, prefix)).toThrow(KustomizeError);
  });
});

describe("build with buildMetadata", () => {
  it("writes origins relative to the build root, through bases", () => {
    const fs = tree({
      "base/kustomization.yaml": "resources: [cm.yaml]\nnamePrefix: b-\n",
      "base/cm.yaml": CM("a"),
      "app/kustomization.yaml": "resources: [../base/]\nbuildMetadata: [originAnnotations]\n",
    });
    const [r] = build("/t/app", { fs }).resources;
    expect(annotations(r!)).toEqual({ [ORIGIN_ANNOTATION]: "path: ../base/cm.yaml\n" });
  });

  it("records each transformer instance with the kustomization file it is configured in", () => {
    const fs = tree({
      "kustomization.yml": "resources: [cm.yaml]\nimages: [{name: a, newTag: '1'}, {name: b, newTag: '2'}]\nbuildMetadata: [transformerAnnotations]\n",
      "cm.yaml": CM("a"),
    });
    const [r] = build("/t", { fs }).resources;
    const image = { configuredIn: "kustomization.yml", configuredBy: { apiVersion: "builtin", kind: "ImageTagTransformer" } };
    expect(annotations(r!)).toEqual({ [TRANSFORMATIONS_ANNOTATION]: transformationsText([image, image]) });
  });

  it("ignores a base's buildMetadata", () => {
    const fs = tree({
      "base/kustomization.yaml": "resources: [cm.yaml]\nbuildMetadata: [originAnnotations, managedByLabel]\n",
      "base/cm.yaml": CM("a"),
      "kustomization.yaml": "resources: [base]\n",
    });
    expect(buildToYaml("/t", { fs })).toBe(CM("a"));
  });

  it("labels the output with kubectl's managed-by value", () => {
    const fs = tree({ "kustomization.yaml": "resources: [cm.yaml]\nbuildMetadata: [managedByLabel]\n", "cm.yaml": CM("a") });
    expect(build("/t", { fs }).resources[0]!.labels()).toEqual({ "app.kubernetes.io/managed-by": "kustomize-(devel)" });
  });

  it("strips origin and transformations written in the input from a plain build", () => {
    const fs = tree({
      "kustomization.yaml": "resources: [cm.yaml]\n",
      "cm.yaml": CM("a", `  annotations:\n    ${ORIGIN_ANNOTATION}: "path: x"\n    ${TRANSFORMATIONS_ANNOTATION}: "- path: y"\n`),
    });
    expect(buildToYaml("/t", { fs })).toBe(CM("a"));
  });
});
