import { describe, expect, it } from "vitest";
import { generateConfigMaps, mergeGeneratorOptions, nameHashSuffix } from "../src/generators/index.js";
import { memLoader } from "./generators-helpers.js";

describe("generatorOptions", () => {
  it("lets local labels and annotations win per key", () => {
    const [a, b, c] = generateConfigMaps(
      [
        { name: "a", options: { labels: { both: "local", l: "local" }, annotations: { both: "local" } } },
        { name: "b" },
        { name: "c", options: { labels: {}, annotations: {} } },
      ],
      { labels: { g: "global", both: "global" }, annotations: { ga: "x", both: "global" }, immutable: true },
      memLoader(),
    );
    expect(a!.obj.metadata).toEqual({
      name: "a",
      labels: { both: "local", g: "global", l: "local" },
      annotations: { both: "local", ga: "x" },
    });
    expect(b!.obj.metadata).toEqual({
      name: "b",
      labels: { g: "global", both: "global" },
      annotations: { ga: "x", both: "global" },
    });
    expect(c!.obj.metadata).toEqual({ ...(b!.obj.metadata as object), name: "c" });
    for (const r of [a, b, c]) expect(r!.obj.immutable).toBe(true);
  });

  it("a local false cannot undo a global true", () => {
    expect(mergeGeneratorOptions({ disableNameSuffixHash: false, immutable: false }, { disableNameSuffixHash: true, immutable: true })).toEqual({
      disableNameSuffixHash: true,
      immutable: true,
    });
    expect(mergeGeneratorOptions({ disableNameSuffixHash: true }, {})).toEqual({ disableNameSuffixHash: true });
    expect(mergeGeneratorOptions(undefined, undefined)).toEqual({});
  });

  it("leaves no empty labels map behind", () => {
    const [a] = generateConfigMaps([{ name: "a", options: { labels: {} } }], undefined, memLoader());
    expect(a!.obj.metadata).toEqual({ name: "a" });
  });

  it("does not hash labels, annotations, namespace or immutable", () => {
    const [a, b] = generateConfigMaps(
      [{ name: "a" }, { name: "b", namespace: "foo", options: { labels: { a: "b" }, annotations: { c: "d" }, immutable: true } }],
      undefined,
      memLoader(),
    );
    expect(nameHashSuffix(a!)).toBe("6ct58987ht");
    expect(nameHashSuffix(b!)).toBe("6ct58987ht");
  });
});
