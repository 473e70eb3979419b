import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "@kfrender/yaml";
import { imageFields, imageName, imageNames, listImages } from "@kfrender/kfdef";

describe("image reference names (kustomize image.Split)", () => {
  it.each([
    ["nginx", "nginx"],
    ["nginx:1.2", "nginx"],
    ["gcr.io/x/y:1@sha256:ab", "gcr.io/x/y"],
    ["localhost:5000/x", "localhost:5000/x"],
    ["localhost:5000/x:2", "localhost:5000/x"],
    ["x@sha256:ab", "x"],
    ["/abs:1", "/abs"],
    ["a/b@c:d", "a/b"],
    ["", ""],
  ])("%s → %s", (ref, name) => {
    expect(imageName(ref)).toBe(name);
  });
});

describe("image fields (spec §7.3 a, b)", () => {
  const refs = (yaml: string) => parseAllDocuments(yaml).flatMap((d) => imageFields(d).map((f) => f.ref));

  it("finds containers and initContainers at any depth, and the mapping forms at the four fixed paths", () => {
    expect(
      refs(`apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{image: i1}]
          containers: [{image: c1}, {name: noimage}, {image: null}, "str"]
---
kind: SeldonDeployment
spec:
  predictors:
  - componentSpecs:
    - spec:
        containers: [{image: 7}]
---
kind: Pod
spec:
  containers: {image: mapped}
  template:
    spec:
      initContainers: {image: mapped2}
---
kind: Odd
containers: {image: not-a-list}
---
kind: CustomResourceDefinition
spec:
  containers: [{image: crd}]
---
kind: ConfigMap
data:
  image: data
`),
    ).toEqual(["i1", "c1", "7", "mapped", "mapped2"]);
  });

  it("lists distinct names sorted for the wrapper, and distinct references for `images`", () => {
    const out = `kind: Pod\nspec:\n  containers: [{image: "b:1"}, {image: "a@sha256:0"}, {image: "b:2"}]\n`;
    expect(imageNames(out)).toEqual(["a", "b"]);
    expect(listImages([{ text: out }])).toEqual(["a@sha256:0", "b:1", "b:2"]);
  });
});
