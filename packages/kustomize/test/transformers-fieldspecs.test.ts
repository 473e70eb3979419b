import { describe, expect, it } from "vitest";
import { MemoryFileSystem, KustomizeError } from "@kfrender/kustomize";
import type { YamlMap } from "@kfrender/yaml";
import {
  builtinTransformerConfig,
  defaultTransformerConfig,
  emptyTransformerConfig,
  makeTransformerConfig,
  mergeFieldSpecs,
  mergeTransformerConfig,
  parseTransformerConfig,
} from "../src/fieldspecs/index.js";
import { createLoader } from "../src/loader/file-loader.js";
import { FieldPathError, splitFieldPath, walkFieldPath } from "../src/transformers/field-path.js";
import { isImageMatched, splitImage } from "../src/transformers/image-name.js";
import { updateImage } from "../src/transformers/images.js";

describe("field-spec tables", () => {
  it("sorts tables in kustomize's gvk order (the order its replicas error lists them in)", () => {
    expect(defaultTransformerConfig().replicas.map((fs) => fs.kind)).toEqual([
      "Deployment",
      "StatefulSet",
      "ReplicaSet",
      "ReplicationController",
    ]);
  });

  it("an incoming spec is dropped when an existing spec with its path is selected by its gvk", () => {
    const merged = mergeFieldSpecs([{ path: "metadata/name", kind: "ClusterRole" }], [{ path: "metadata/name" }]);
    expect(merged).toEqual([{ path: "metadata/name", kind: "ClusterRole" }]);
    // …but a more specific incoming spec is kept beside a wildcard.
    expect(mergeFieldSpecs([{ path: "metadata/name" }], [{ path: "metadata/name", kind: "Role" }])).toHaveLength(2);
  });

  it("differing create flags on the same spec conflict", () => {
    expect(() => mergeFieldSpecs([{ path: "a", kind: "K", create: true }], [{ path: "a", kind: "K" }])).toThrow(
      "conflicting fieldspecs",
    );
  });

  it("the defaults are stable under merging into themselves", () => {
    const d = defaultTransformerConfig();
    expect(mergeTransformerConfig(d, defaultTransformerConfig())).toEqual(d);
  });

  it("back-references with the same gvk are combined", () => {
    const a = emptyTransformerConfig();
    a.nameReference = [{ kind: "Issuer", group: "cert-manager.io", fieldSpecs: [{ path: "spec/a", kind: "X" }] }];
    const b = emptyTransformerConfig();
    b.nameReference = [{ kind: "Issuer", group: "cert-manager.io", fieldSpecs: [{ path: "spec/b", kind: "X" }] }];
    expect(mergeTransformerConfig(a, b).nameReference).toEqual([
      { kind: "Issuer", group: "cert-manager.io", fieldSpecs: [{ path: "spec/a", kind: "X" }, { path: "spec/b", kind: "X" }] },
    ]);
  });

  it("parses a configurations file, ignoring unknown keys and fields", () => {
    const c = parseTransformerConfig(
      [
        "nameReference:",
        "- kind: Issuer",
        "  group: certmanager.k8s.io",
        "  fieldSpecs:",
        "  - kind: Certificate",
        "    group: certmanager.k8s.io",
        "    path: spec/issuerRef/name",
        "varReference:",
        "- path: spec/commonName",
        "  kind: Certificate",
        "  skip: true",
        "somethingElse: 1",
      ].join("\n"),
    );
    expect(c.nameReference).toEqual([
      {
        kind: "Issuer",
        group: "certmanager.k8s.io",
        fieldSpecs: [{ kind: "Certificate", group: "certmanager.k8s.io", path: "spec/issuerRef/name" }],
      },
    ]);
    expect(c.varReference).toEqual([{ path: "spec/commonName", kind: "Certificate" }]);
    expect(() => parseTransformerConfig("namespace:\n- path: a\n  create: 3\n")).toThrow(KustomizeError);
  });

  it("makeTransformerConfig adds files to the built-in tables", () => {
    const fs = new MemoryFileSystem({
      "/k/c.yaml": "namespace:\n- path: spec/ns\n  kind: Foo\n  create: true\n",
      "/k/d.yaml": "images:\n- path: spec/img\n",
    });
    const c = makeTransformerConfig(createLoader(fs, "/k"), ["c.yaml", "d.yaml"]);
    expect(c.namespace).toContainEqual({ path: "spec/ns", kind: "Foo", create: true });
    expect(c.images).toContainEqual({ path: "spec/img" });
    expect(c.commonLabels).toEqual(builtinTransformerConfig().commonLabels);
  });

  it("makeTransformerConfig takes an inline YAML entry as a file name, and fails as kubectl does", () => {
    const fs = new MemoryFileSystem({ "/k/kustomization.yaml": "" });
    expect(() => makeTransformerConfig(createLoader(fs, "/k"), ["images:\n- path: spec/img\n"])).toThrow(KustomizeError);
  });
});

describe("field path walker", () => {
  const collect = (obj: YamlMap, path: string, create = false, createKind: "scalar" | "map" | "none" = "none") => {
    const seen: unknown[] = [];
    walkFieldPath(obj, path, { create, createKind }, (parent, key) => {
      seen.push((parent as Record<string | number, unknown>)[key]);
    });
    return seen;
  };

  it("splits on slashes, keeping escaped ones", () => {
    expect(splitFieldPath("metadata/annotations/a.io\\/b/c")).toEqual(["metadata", "annotations", "a.io/b", "c"]);
  });

  it("walks every list element, with or without []", () => {
    const obj: YamlMap = { spec: { containers: [{ image: "a" }, { name: "x" }, null, { image: "b" }] } };
    expect(collect(obj, "spec/containers/image")).toEqual(["a", "b"]);
    expect(collect(obj, "spec/containers[]/image")).toEqual(["a", "b"]);
  });

  it("creates maps along the path and the last element as asked", () => {
    const obj: YamlMap = { spec: null, metadata: {} };
    collect(obj, "spec/template/metadata/labels", true, "map");
    expect(obj.spec).toEqual({ template: { metadata: { labels: {} } } });
    collect(obj, "metadata/namespace", true, "scalar");
    expect(obj.metadata).toEqual({ namespace: null });
  });

  it("never creates a [] element but turns its null into a list", () => {
    const obj: YamlMap = { spec: { containers: null } };
    expect(collect(obj, "spec/containers[]/image", true, "scalar")).toEqual([]);
    expect(obj.spec).toEqual({ containers: [] });
    expect(collect({ spec: {} }, "spec/containers[]/image", true, "scalar")).toEqual([]);
  });

  it("stops at a null on the way, visits a null at the end, fails on a scalar on the way", () => {
    expect(collect({ spec: { x: null } }, "spec/x/y")).toEqual([]);
    expect(collect({ spec: { x: null } }, "spec/x")).toEqual([null]);
    expect(() => collect({ spec: { x: "s" } }, "spec/x/y")).toThrow(FieldPathError);
  });
});

describe("image references", () => {
  it("splits registry ports, tags and digests", () => {
    expect(splitImage("localhost:5000/app:1@sha256:ab")).toEqual({ name: "localhost:5000/app", tag: "1", digest: "sha256:ab" });
    expect(splitImage("nginx@sha256:ab")).toEqual({ name: "nginx", tag: "", digest: "sha256:ab" });
    expect(splitImage("a/b")).toEqual({ name: "a/b", tag: "", digest: "" });
  });

  it("matches the name as a pattern, followed by an optional tag and digest", () => {
    expect(isImageMatched("nginx:1.0@sha256:abc", "nginx")).toBe(true);
    expect(isImageMatched("docker.io/nginx", "nginx")).toBe(false);
    expect(isImageMatched("dottedXname:1", "dotted.name")).toBe(true);
    expect(isImageMatched("registry.io:5000/any/thing:1", "*")).toBe(true);
    expect(() => isImageMatched("x", "(unclosed")).toThrow(/missing closing \)/);
  });

  it("newTag/digest replace both old parts; tagSuffix extends the tag", () => {
    expect(updateImage("nginx:1@sha256:a", { name: "nginx", newTag: "2" })).toBe("nginx:2");
    expect(updateImage("nginx:1", { name: "nginx", digest: "sha256:b" })).toBe("nginx@sha256:b");
    expect(updateImage("nginx:1", { name: "nginx", newName: "r/nginx", newTag: "2", digest: "sha256:b" })).toBe(
      "r/nginx:2@sha256:b",
    );
    expect(updateImage("nginx:1", { name: "nginx", tagSuffix: "-fips" })).toBe("nginx:1-fips");
    expect(updateImage("redis", { name: "nginx", newTag: "2" })).toBeUndefined();
  });
});
