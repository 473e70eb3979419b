import { ApplyError, objectsFromDocuments, refOf, toJson } from "@kfrender/apply";
import { describe, expect, it } from "vitest";

describe("toJson", () => {
  it("writes every value the YAML model holds, big integers with all their digits", () => {
    expect(toJson({ a: 12345678901234567890n, b: -1, c: 0.25, d: "x\"y\n", e: [true, false, null], f: {}, g: [] })).toBe(
      '{"a":12345678901234567890,"b":-1,"c":0.25,"d":"x\\"y\\n","e":[true,false,null],"f":{},"g":[]}',
    );
  });

  it("rejects numbers JSON cannot carry, naming the field", () => {
    expect(() => toJson({ spec: { x: [Number.POSITIVE_INFINITY] } })).toThrow(ApplyError);
    expect(() => toJson({ spec: { x: [Number.NaN] } })).toThrow(".spec.x[0]: NaN cannot be sent as JSON");
  });
});

describe("input", () => {
  it("unwraps List documents and drops empty ones", () => {
    const objs = objectsFromDocuments([
      null,
      { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }] },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "b" } },
    ]);
    expect(objs.map((o) => o.kind)).toEqual(["ConfigMap", "Secret"]);
  });

  it("says which resource lacks its identity", () => {
    expect(() => refOf({ apiVersion: "v1", kind: "ConfigMap", metadata: {} }, 2)).toThrow("resource 3 (ConfigMap) has no metadata.name");
    expect(() => refOf({ kind: "ConfigMap", metadata: { name: "x" } }, 0)).toThrow("resource 1 (ConfigMap x) has no apiVersion");
    expect(() => objectsFromDocuments(["text"])).toThrow("a document is not a mapping");
  });
});
