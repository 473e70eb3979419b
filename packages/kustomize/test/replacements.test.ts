import { describe, expect, it } from "vitest";
import { parseAllDocuments, type YamlMap } from "@kfrender/yaml";
import { KustomizeError } from "../src/errors.js";
import { MemoryFileSystem } from "../src/fs/memory-fs.js";
import { ResMap } from "../src/resource/res-map.js";
import { Resource } from "../src/resource/resource.js";
import { createLoader } from "../src/loader/file-loader.js";
import { applyReplacements } from "../src/transformers/replacements.js";
import type { ReplacementField } from "../src/types/kustomization.js";

// Behaviour below was observed with `kubectl kustomize` (kustomize v5.5.0) on equivalent trees.

const RESOURCES = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  labels: {app: a}
data:
  host: my.host.com
  port: "8080"
  num: 42
  list: a,b,c
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dep
  labels: {app: b}
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: c1
        image: img:1
        args: [--a, --b]
        env:
        - {name: HOST, value: x}
        - {name: PORT, value: "1"}
      - name: c2
        image: img2:2
        env:
        - {name: HOST, value: "y"}
`;

function resMap(text = RESOURCES): ResMap {
  const m = new ResMap();
  for (const doc of parseAllDocuments(text)) m.append(new Resource(doc as YamlMap));
  return m;
}

const fs = new MemoryFileSystem({ "/k/kustomization.yaml": "" });
const loader = createLoader(fs, "/k");

function run(replacements: unknown, m = resMap()): ResMap {
  applyReplacements(m, replacements as ReplacementField[], loader);
  return m;
}

function obj(m: ResMap, kind: string): any {
  return m.resources().find((r) => r.kind === kind)!.obj;
}

function errorOf(replacements: unknown, m = resMap()): string {
  try {
    run(replacements, m);
  } catch (e) {
    expect(e).toBeInstanceOf(KustomizeError);
    expect((e as KustomizeError).code).toBe("REPLACEMENT");
    return (e as Error).message;
  }
  throw new Error("no error");
}

const fromCm = (fieldPath: string, extra: object = {}) => ({ kind: "ConfigMap", name: "cm", fieldPath, ...extra });
const toDep = (fieldPaths: string[], options?: object) => ({ select: { kind: "Deployment" }, fieldPaths, options });

describe("replacements: targets", () => {
  it("writes into list entries chosen by [name=…], index and *", () => {
    const m = run([
      {
        source: fromCm("data.host"),
        targets: [
          toDep([
            "spec.template.spec.containers.[name=c1].env.[name=HOST].value",
            "spec.template.spec.containers.*.image",
          ]),
        ],
      },
    ]);
    const c = obj(m, "Deployment").spec.template.spec.containers;
    expect(c[0].env[0].value).toBe("my.host.com");
    expect(c[0].image).toBe("my.host.com");
    expect(c[1].image).toBe("my.host.com");
    expect(c[1].env[0].value).toBe("y");
  });

  it("keeps the target's type: text into a number stays a number, a number into a string a string", () => {
    const m = run([
      { source: fromCm("data.port"), targets: [toDep(["spec.replicas"])] },
      { source: fromCm("data.num"), targets: [toDep(["spec.template.spec.containers.0.env.1.value"])] },
    ]);
    const d = obj(m, "Deployment");
    expect(d.spec.replicas).toBe(8080);
    expect(d.spec.template.spec.containers[0].env[1].value).toBe("42");
  });

  it("refuses text that cannot take the target's type", () => {
    expect(errorOf([{ source: fromCm("data.host"), targets: [toDep(["spec.replicas"])] }])).toBe(
      "map[string]interface {}(nil): yaml: cannot decode !!str `my.host.com` as a !!int",
    );
  });

  it("creates missing fields, list entries and appended items; created scalars read as plain YAML", () => {
    const m = run([
      {
        source: fromCm("data.num"),
        targets: [
          toDep(
            [
              "spec.foo.bar",
              "spec.template.spec.containers.0.args.2",
              "spec.template.spec.containers.[name=c3].image",
              "spec.l.[name=x].a",
            ],
            { create: true },
          ),
        ],
      },
      { source: fromCm("data.port"), targets: [toDep(["spec.foo2"], { create: true })] },
    ]);
    const d = obj(m, "Deployment");
    expect(d.spec.foo).toEqual({ bar: 42 });
    expect(d.spec.foo2).toBe(8080);
    expect(d.spec.l).toEqual([{ name: "x", a: 42 }]);
    expect(d.spec.template.spec.containers[0].args).toEqual(["--a", "--b", 42]);
    expect(d.spec.template.spec.containers[2]).toEqual({ name: "c3", image: 42 });
  });

  it("writes created annotations as strings, labels as they are", () => {
    const m = run([
      {
        source: fromCm("data.num"),
        targets: [toDep(["metadata.labels.x", "metadata.annotations.y"], { create: true })],
      },
    ]);
    const d = obj(m, "Deployment");
    expect(d.metadata.labels.x).toBe(42);
    expect(d.metadata.annotations.y).toBe("42");
  });

  it("copies maps and lists whole; a map into a scalar leaves empty text", () => {
    const m = run([
      { source: fromCm("data"), targets: [toDep(["spec.map", "spec.template.spec.containers.1.env.0.value"], { create: true })] },
    ]);
    const d = obj(m, "Deployment");
    expect(d.spec.map).toEqual(obj(m, "ConfigMap").data);
    expect(d.spec.map).not.toBe(obj(m, "ConfigMap").data);
    expect(d.spec.template.spec.containers[1].env[0].value).toBe("");
  });

  it("splits source and target on a delimiter", () => {
    const m = run([
      {
        source: fromCm("data.list", { options: { delimiter: ",", index: 1 } }),
        targets: [toDep(["spec.template.spec.containers.1.image"], { delimiter: ":", index: 1 })],
      },
      {
        source: fromCm("data.port"),
        targets: [{ select: { kind: "ConfigMap" }, fieldPaths: ["data.list"], options: { delimiter: ",", index: -1 } }],
      },
    ]);
    expect(obj(m, "Deployment").spec.template.spec.containers[1].image).toBe("img2:b");
    expect(obj(m, "ConfigMap").data.list).toBe("8080,a,b,c");
  });

  it("matches list entries by unanchored regular expression; a primitive match ends the path", () => {
    const m = resMap(`
apiVersion: v1
kind: ConfigMap
metadata: {name: cm2}
data:
  k: v
  list: [x, "y", "123"]
`);
    run([{ source: { kind: "ConfigMap", fieldPath: "data.k" }, targets: [{ select: { kind: "ConfigMap" }, fieldPaths: ["data.list.[=12]", "data.list.[=y].x"] }] }], m);
    expect(obj(m, "ConfigMap").data.list).toEqual(["x", "v", "v"]);
  });

  it("reads [a.b/c] and a\\.b/c as one key", () => {
    const m = resMap(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm2
  annotations: {a.b/c: old}
data: {k: v}
`);
    run([{ source: { kind: "ConfigMap", fieldPath: "data.k" }, targets: [{ select: { kind: "ConfigMap" }, fieldPaths: ["metadata.annotations.[a.b/c]"] }] }], m);
    expect(obj(m, "ConfigMap").metadata.annotations["a.b/c"]).toBe("v");
  });

  it("creating under a null field matches but changes nothing", () => {
    const m = resMap(`
apiVersion: v1
kind: ConfigMap
metadata: {name: cm3}
data: {k: v}
spec: {nul: null, nul2: null}
`);
    run([{ source: { kind: "ConfigMap", fieldPath: "data.k" }, targets: [{ select: { kind: "ConfigMap" }, fieldPaths: ["spec.nul.x", "spec.nul2.0"], options: { create: true } }] }], m);
    expect(obj(m, "ConfigMap").spec).toEqual({ nul: null, nul2: null });
  });
});

describe("replacements: selecting", () => {
  it("selects and rejects by earlier ids and by labels", () => {
    const m = resMap();
    for (const r of m.resources()) {
      r.storePreviousId();
      r.setName(`p-${r.name}`);
    }
    run(
      [
        {
          source: fromCm("data.host", { name: "p-cm" }),
          targets: [
            { select: { kind: "Deployment" }, reject: [{ name: "dep" }], fieldPaths: ["spec.template.spec.containers.0.image"] },
            { select: { name: "cm" }, fieldPaths: ["metadata.annotations.old-name"], options: { create: true } },
            { select: { labelSelector: "app=b" }, reject: [{ kind: "Deployment", labelSelector: "app=zz" }], fieldPaths: ["metadata.annotations.lbl"], options: { create: true } },
            { select: { labelSelector: "app in (a,b)", namespace: "default" }, fieldPaths: ["metadata.annotations.lblin"], options: { create: true } },
            { select: { kind: "ConfigMap" }, reject: [{ labelSelector: "app" }], fieldPaths: ["metadata.annotations.never"], options: { create: true } },
            { select: { kind: "ConfigMap" }, reject: [{ labelSelector: "!app" }], fieldPaths: ["metadata.annotations.notrejected"], options: { create: true } },
          ],
        },
      ],
      m,
    );
    const d = obj(m, "Deployment");
    const c = obj(m, "ConfigMap");
    expect(d.spec.template.spec.containers[0].image).toBe("img:1");
    expect(c.metadata.annotations).toEqual({ "old-name": "my.host.com", lblin: "my.host.com", notrejected: "my.host.com" });
    expect(d.metadata.annotations).toEqual({ lblin: "my.host.com" });
  });
});

describe("replacements: errors", () => {
  it.each([
    [[{ source: fromCm("data.num"), targets: [toDep(["spec.nope.x"])] }], 'unable to find field "spec.nope.x" in replacement target'],
    [
      [{ source: fromCm("data.num"), targets: [toDep(["spec.template.spec.containers.0.args.5"], { create: true })] }],
      'unable to find or create field "spec.template.spec.containers.0.args.5" in replacement target: index 5 specified but only 2 elements found',
    ],
    [[{ source: fromCm("data.nope"), targets: [toDep(["spec.replicas"])] }], "fieldPath `data.nope` is missing for replacement source ConfigMap.[noVer].[noGrp]/cm.[noNs]"],
    [[{ source: { kind: "ConfigMap", name: "cmx", version: "v1", namespace: "ns" }, targets: [toDep([])] }], "nothing selected by ConfigMap.v1.[noGrp]/cmx.ns"],
    [[{ source: { version: "v1" }, targets: [toDep([])] }], "multiple matches for selector [noKind].v1.[noGrp]/[noName].[noNs]"],
    [[{ source: { kind: "ConfigMap" }, targets: [{ fieldPaths: ["x"] }] }], "target must specify resources to select"],
    [[{ source: { kind: "ConfigMap" } }], "replacements must specify a source and at least one target"],
    [[{ source: { kind: "ConfigMap" }, targets: [] }], "replacements must specify a source and at least one target"],
    [[{ source: fromCm("data.list", { options: { delimiter: ",", index: 3 } }), targets: [toDep([])] }], "options.index 3 is out of bounds for value a,b,c"],
    [[{ source: fromCm("data", { options: { delimiter: "," } }), targets: [toDep([])] }], "delimiter option can only be used with scalar nodes"],
    [[{ source: fromCm("data.*"), targets: [toDep([])] }], "error looking up replacement source: wildcard is not supported in PathGetter"],
    [[{ source: { kind: "Deployment", fieldPath: "spec.template.spec.containers[1].name" }, targets: [toDep([])] }], "fieldPath `spec.template.spec.containers[1].name` is missing for replacement source Deployment.[noVer].[noGrp]/[noName].[noNs]"],
    [[{ source: fromCm("data.host"), targets: [{ select: { kind: "ConfigMap" }, fieldPaths: ["metadata.[name]"] }] }], 'unable to find field "metadata.[name]" in replacement target: list path element must contain fieldName=fieldValue for element to match'],
  ])("%#", (replacements, message) => {
    expect(errorOf(replacements)).toBe(message);
  });
});

describe("replacements: path entries", () => {
  const files = new MemoryFileSystem({
    "/p/kustomization.yaml": "",
    "/p/one.yaml": "source: {kind: ConfigMap, fieldPath: data.host}\ntargets:\n- select: {kind: Deployment}\n  fieldPaths: [spec.template.spec.containers.0.image]\n",
    "/p/list.yaml": "- source: {kind: ConfigMap, fieldPath: data.port}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.template.spec.containers.1.image]\n",
    "/p/scalar.yaml": "hello\n",
    "/p/empty.yaml": "",
  });
  const pl = createLoader(files, "/p");

  it("reads one replacement or a list from a file", () => {
    const m = resMap();
    applyReplacements(m, [{ path: "one.yaml" }, { path: "list.yaml" }], pl);
    const c = obj(m, "Deployment").spec.template.spec.containers;
    expect([c[0].image, c[1].image]).toEqual(["my.host.com", "8080"]);
  });

  it.each([
    [[{ path: "scalar.yaml" }], "Replacements:\n- path: scalar.yaml\n", "unsupported replacement type encountered within replacement path: string"],
    [[{ path: "empty.yaml" }], "Replacements:\n- path: empty.yaml\n", "unsupported replacement type encountered within replacement path: invalid"],
    [[{ path: "one.yaml", source: { kind: "ConfigMap" } }], "Replacements:\n- path: one.yaml\n  source:\n    kind: ConfigMap\n", "cannot specify both path and inline replacement"],
  ])("refuses %j", (fields, config, cause) => {
    let msg = "";
    try {
      applyReplacements(resMap(), fields as ReplacementField[], pl);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toBe(`trouble configuring builtin ReplacementTransformer with config: \`\n${config}\`: ${cause}`);
  });
});
