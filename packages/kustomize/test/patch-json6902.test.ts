import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "../src/patch/apply-json6902.js";
import { applyOperations } from "../src/patch/json6902/apply.js";
import { decodeOperations } from "../src/patch/json6902/operations.js";
import { Resource } from "../src/resource/resource.js";

/**
 * JSON patch application. Each behaviour and message below was observed from kubectl kustomize
 * (v5.5.0) applying the same operation to the same document.
 */
const doc = (): YamlMap => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "foo" },
  spec: { replicas: 1, list: ["a", "b", "c"], n: null },
});
const apply = (ops: string, d: YamlValue = doc()) => applyOperations(d, decodeOperations(ops));
const spec = (v: YamlValue) => (v as YamlMap).spec as YamlMap;

describe("JSON patch operations", () => {
  it("adds, replaces, removes, moves, copies and tests", () => {
    const r = apply(`[
      {"op": "add", "path": "/spec/x", "value": {"k": 1}},
      {"op": "replace", "path": "/spec/replicas", "value": "3"},
      {"op": "remove", "path": "/spec/list/0"},
      {"op": "move", "from": "/spec/x", "path": "/spec/y"},
      {"op": "copy", "from": "/spec/list/0", "path": "/spec/list/-"},
      {"op": "test", "path": "/spec/y", "value": {"k": 1}}
    ]`);
    expect(spec(r)).toEqual({ replicas: "3", list: ["b", "c", "b"], n: null, y: { k: 1 } });
  });

  it("reads operations written as YAML", () => {
    const r = apply("- op: add\n  path: /spec/flag\n  value: yes\n");
    // sigs.k8s.io/yaml reads YAML 1.1, where `yes` is a boolean.
    expect(spec(r).flag).toBe(true);
  });

  it("has evanphx's departures from the RFC", () => {
    // replace of a missing map key adds it
    expect(spec(apply('[{"op":"replace","path":"/spec/x","value":3}]')).x).toBe(3);
    // negative indices count from the end; add at -1 appends
    expect(spec(apply('[{"op":"add","path":"/spec/list/-1","value":"z"}]')).list).toEqual(["a", "b", "c", "z"]);
    expect(spec(apply('[{"op":"remove","path":"/spec/list/-1"}]')).list).toEqual(["a", "b"]);
    // leading zeros parse as Go's Atoi does
    expect(spec(apply('[{"op":"add","path":"/spec/list/01","value":"k"}]')).list).toEqual(["a", "k", "b", "c"]);
    // an absent value is null; copying a missing key copies null
    expect(spec(apply('[{"op":"add","path":"/spec/replicas"}]')).replicas).toBeNull();
    expect((apply('[{"op":"copy","from":"/metadata/nothere","path":"/metadata/x"}]') as any).metadata.x).toBeNull();
    // the first path segment is dropped when the path has no leading slash
    expect((apply('[{"op":"add","path":"metadata/labels","value":{"a":"b"}}]') as any).labels).toEqual({ a: "b" });
    // replace of the whole document
    expect(apply('[{"op":"replace","path":"","value":{"kind":"ConfigMap"}}]')).toEqual({ kind: "ConfigMap" });
  });

  it("fails with evanphx's messages", () => {
    const cases: [string, string][] = [
      ['[{"op":"replace","path":"/spec/nothere/x","value":3}]', "replace operation does not apply: doc is missing path: /spec/nothere/x: missing value"],
      ['[{"op":"remove","path":"/spec/nothere"}]', "error in remove for path: '/spec/nothere': Unable to remove nonexistent key: nothere: missing value"],
      ['[{"op":"add","path":"/spec/nothere/x","value":3}]', 'add operation does not apply: doc is missing path: "/spec/nothere/x": missing value'],
      ['[{"op":"add","path":"/spec/n/x","value":1}]', 'add operation does not apply: doc is missing path: "/spec/n/x": missing value'],
      ['[{"op":"bogus","path":"/spec"}]', "Unexpected kind: bogus"],
      ['[{"op":"test","path":"/spec/replicas","value":5}]', "testing value /spec/replicas failed: test failed"],
      ['[{"op":"add","path":"/spec/list/5","value":"z"}]', "error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced"],
      ['[{"op":"replace","path":"/spec/list/-","value":"q"}]', "replace operation does not apply: doc is missing key: /spec/list/-: missing value"],
      ['[{"op":"remove","path":"/spec/list/7"}]', "error in remove for path: '/spec/list/7': Unable to access invalid index: 7: invalid index referenced"],
      ['[{"op":"add","value":1}]', "add operation failed to decode path: missing value"],
      ['[{"op":"add","path":"","value":{}}]', 'add operation does not apply: doc is missing path: "": missing value'],
    ];
    for (const [ops, message] of cases) expect(() => apply(ops), ops).toThrow(message);
  });

  it("does not share values between documents the same patch applies to", () => {
    const ops = decodeOperations('[{"op":"add","path":"/spec/obj","value":{"a":1}}]');
    const a = applyOperations(doc(), ops) as any;
    const b = applyOperations(doc(), ops) as any;
    a.spec.obj.a = 2;
    expect(b.spec.obj.a).toBe(1);
  });

  it("decodes only lists of operations", () => {
    expect(decodeOperations("null")).toEqual([]);
    expect(() => decodeOperations("a: b")).toThrow();
    expect(() => decodeOperations("[not json")).toThrow();
  });
});

describe("applying a JSON patch to a resource", () => {
  it("goes through JSON and rewrites annotations as strings", () => {
    const r = new Resource({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", annotations: {} },
      data: { big: 12345678901234567890n },
    });
    applyJsonPatch(r, decodeOperations('[{"op":"add","path":"/metadata/labels","value":{"a":"b"}}]'));
    expect(r.obj.metadata).toEqual({ name: "c", labels: { a: "b" } });
    expect((r.obj.data as YamlMap).big).toBe(12345678901234567000);
    applyJsonPatch(r, decodeOperations('[{"op":"add","path":"/metadata/annotations","value":{"n":3,"t":true}}]'));
    expect((r.obj.metadata as YamlMap).annotations).toEqual({ n: "3", t: "true" });
  });
});
