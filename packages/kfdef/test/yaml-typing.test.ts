import { describe, expect, it } from "vitest";
import { readKustomizationV3, writeKustomizationV3 } from "@kfrender/kfdef";
import { GoFloat, GoInt, readFirstDocument, resolvePlain } from "../src/go-yaml.js";
import { formatFloat32 } from "../src/go-format.js";

describe("yaml.v2 scalar typing (spec §1)", () => {
  it.each([
    ["y", true], ["Yes", true], ["ON", true], ["true", true], ["n", false], ["off", false], ["No", false],
    ["~", null], ["", null], ["null", null],
    ["abc", "abc"], ["1-2", "1-2"], ["2020-01-01", "2020-01-01"], ["0x", "0x"], ["+", "+"],
  ])("%j → %j", (text, want) => {
    expect(resolvePlain(text)).toEqual(want);
  });

  it.each([
    ["012", 10n], ["0x1F", 31n], ["-0b101", -5n], ["1_000", 1000n], ["+7", 7n], ["0o17", 15n],
    ["18446744073709551615", 18446744073709551615n],
  ])("integer %s", (text, want) => {
    const v = resolvePlain(text);
    expect(v).toBeInstanceOf(GoInt);
    expect((v as GoInt).value).toBe(want);
  });

  it.each([["1.0", 1], ["09", 9], [".5", 0.5], ["1e3", 1000], ["-.inf", -Infinity], ["99999999999999999999", 1e20]])("float %s", (text, want) => {
    const v = resolvePlain(text);
    expect(v).toBeInstanceOf(GoFloat);
    expect((v as GoFloat).value).toBe(want);
  });

  it("reads only the first document, quoted and tagged scalars stay strings, keys become strings", () => {
    const v = readFirstDocument(`a: "1"\nb: !!str yes\n1: x\ntrue: y\n1.5: z\n---\nignored: 1\n`) as Map<string, unknown>;
    expect([...v.keys()]).toEqual(["a", "b", "1", "true", "1.5"]);
    expect(v.get("a")).toBe("1");
    expect(v.get("b")).toBe("yes");
  });

  it("expands aliases and merge keys, later keys win", () => {
    const v = readFirstDocument(`base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n  y: 4\n`) as Map<string, Map<string, GoInt>>;
    expect(v.get("m")!.get("a")!.value).toBe(1n);
    expect(v.get("m")!.get("b")!.value).toBe(3n);
    // `y` is a YAML 1.1 boolean, so the key is "true".
    expect(v.get("m")!.get("true")!.value).toBe(4n);
  });

  it("rejects a null key", () => {
    expect(() => readFirstDocument(`~: x\n`)).toThrow(/null/);
  });
});

describe("ghodss float formatting (FormatFloat 'g', -1, 32)", () => {
  it.each([
    [1, "1"], [0.1, "0.1"], [3.14159265, "3.1415927"], [1e6, "1e+06"], [123456, "123456"], [0.0001, "0.0001"],
    [0.00001, "1e-05"], [-2.5, "-2.5"], [16777217, "1.6777216e+07"], [1e21, "1e+21"], [NaN, "NaN"], [Infinity, "+Inf"],
  ])("%s → %s", (f, s) => {
    expect(formatFloat32(f)).toBe(s);
  });
});

describe("kustomization files as kfctl read them (spec §6)", () => {
  const read = (text: string) => {
    const r = readKustomizationV3(text);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };

  it("converts numbers and bools in string fields the ghodss way", () => {
    const k = read(`namePrefix: 1.0\ncommonLabels:\n  version: 1.10\n  on: yes\n  n: 012\nresources: [3, true]\n`);
    expect(k.namePrefix).toBe("1");
    expect(k.commonLabels).toEqual({ version: "1.1", true: "true", false: "10" });
    expect(k.resources).toEqual(["3", "true"]);
  });

  it("matches field names case-insensitively, an exact match preferred", () => {
    const k = read(`nameprefix: a-\npatchesJSON6902:\n- path: p.yaml\n  target: {name: x, kind: Deployment}\nvars:\n- name: V\n  fieldref: {fieldpath: spec.x}\n`);
    expect(k.namePrefix).toBe("a-");
    expect(k.patchesJson6902).toEqual([{ path: "p.yaml", target: { name: "x", kind: "Deployment" } }]);
    expect(k.vars![0]!.fieldref).toEqual({ fieldPath: "spec.x" });
  });

  it("drops fields unknown to the v3 schema", () => {
    const k = read(`resources: [a.yaml]\ncomponents: [c]\nlabels: [{pairs: {a: b}}]\nreplacements: []\n`);
    expect(Object.keys(k)).toEqual(["resources"]);
  });

  it.each([
    ["a number in a configMapGenerator field", `configMapGenerator:\n- name: 1\n`],
    ["a bool in a literal", `configMapGenerator:\n- name: x\n  literals: [true]\n`],
    ["a number as kind", `kind: 1\n`],
    ["a number in a patch target's kind", `patchesJson6902:\n- path: p\n  target: {kind: 7, name: x}\n`],
    ["a number in a var objref group", `vars:\n- name: v\n  objref: {group: 1, name: x}\n`],
    ["a list where a string belongs", `namePrefix: [a]\n`],
    ["a NaN anywhere", `namePrefix: .nan\n`],
    ["a NaN in an unknown field", `unknown: .inf\n`],
    ["a null key", `~: 1\n`],
    ["not a mapping", `- a\n`],
    ["bad YAML", `a: [\n`],
  ])("is unparsable with %s", (_what, text) => {
    expect(readKustomizationV3(text).ok).toBe(false);
  });

  it("keeps secretGenerator type conversion (not an embedded field)", () => {
    expect(read(`secretGenerator:\n- name: s\n  type: 1\n`).secretGenerator).toEqual([{ name: "s", type: "1" }]);
  });

  it("reads an empty file as an empty kustomization; `bases: []` is present, `bases:` is not", () => {
    expect(read("")).toEqual({});
    expect(read("bases: []\n").bases).toEqual([]);
    expect(read("bases:\n").bases).toBeUndefined();
  });

  it("writes empty values omitted and every string quoted, readable again", () => {
    const text = writeKustomizationV3({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      namespace: "",
      namePrefix: "on",
      commonLabels: { version: "1.0" },
      resources: [],
      patchesJson6902: [{ path: "x-Deployment.yaml", target: { kind: "Deployment", name: "x" } }],
      vars: [{ name: "V", objref: { kind: "Service", name: "s" }, fieldref: {} }],
      generatorOptions: {},
    });
    expect(text).toBe(
      [
        `apiVersion: "kustomize.config.k8s.io/v1beta1"`,
        `kind: "Kustomization"`,
        `namePrefix: "on"`,
        `commonLabels:`,
        `  "version": "1.0"`,
        `patchesJson6902:`,
        `  - "target":`,
        `      "kind": "Deployment"`,
        `      "name": "x"`,
        `    "path": "x-Deployment.yaml"`,
        `vars:`,
        `  - "name": "V"`,
        `    "objref":`,
        `      "kind": "Service"`,
        `      "name": "s"`,
        `    "fieldref": {}`,
        `generatorOptions: {}`,
        ``,
      ].join("\n"),
    );
    const back = read(text);
    expect(back.namePrefix).toBe("on");
    expect(back.commonLabels).toEqual({ version: "1.0" });
  });
});
