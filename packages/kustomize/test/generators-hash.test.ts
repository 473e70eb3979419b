import { describe, expect, it } from "vitest";
import { nameHashSuffix } from "../src/generators/index.js";
import { Resource } from "../src/resource/resource.js";

const cm = (extra: object, name = "c") =>
  new Resource({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, ...extra });

// Every expected suffix below is the one kubectl kustomize (v5.5.0) gave for the same content.
describe("nameHashSuffix", () => {
  it("ignores the name entirely (so prefixes and suffixes do not change it)", () => {
    expect(nameHashSuffix(cm({ data: { a: "b" } }, "empty"))).toBe("4h2mbtbbt6");
    expect(nameHashSuffix(cm({ data: { a: "b" } }, "other"))).toBe("4h2mbtbbt6");
    expect(nameHashSuffix(cm({ data: { a: "c" } }))).toBe("8f2d5hh62d");
  });

  it("escapes strings as Go's json.Marshal does (HTML-safe, \\b \\f, U+2028)", () => {
    const r = cm({ data: { f1: "<a&b>\u2028\b\f\x01\x7f\t\"\\\r\n" } });
    expect(nameHashSuffix(r)).toBe("4b579hcdbk");
  });

  it("hashes values as Go sees them after a patch: numbers, booleans, nesting, binaryData", () => {
    const r = cm({
      binaryData: { x: "AAAA" },
      data: {
        a: "1",
        b: true,
        big: 12345678901234567890n,
        e: 1e21,
        f: 1.5,
        i: 1,
        nested: { z: 1, a: [1, "x"] },
        small: 1e-7,
        é: "<>&",
      },
    });
    expect(nameHashSuffix(r)).toBe("8bhct94mcm");
  });

  it("hashes a Secret's type and stringData, a missing type as empty", () => {
    const s = new Resource({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      data: { a: "MQ==" },
      stringData: { p: "q" },
    });
    expect(nameHashSuffix(s)).toBe("c829d9b9tf");
    const empty = new Resource({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque" });
    expect(nameHashSuffix(empty)).toBe("8226t8dd99");
  });

  it("distinguishes a missing data field from an empty one", () => {
    expect(nameHashSuffix(cm({}))).toBe("6ct58987ht");
    expect(nameHashSuffix(cm({ data: {} }))).not.toBe("6ct58987ht");
  });
});
