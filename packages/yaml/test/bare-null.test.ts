import { cloneYaml, isBareNull, isMap, parseAllDocuments, type YamlMap } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";

/** Keys written with no value, which kyaml (kubectl kustomize v5.5) drops once a strategic merge patch walks them. */
describe("bare nulls", () => {
  const text = [
    "a:",
    "b: null",
    "c: ~",
    "d: # comment",
    "e: {p: , q: null, s: }",
    "f: {p, q: null}",
    "g: !!null",
    "h: &x",
    "i: Null",
    "k:",
    "  # c",
    'l: ""',
    "n:",
    "- m:",
    "  o: null",
    "",
  ].join("\n");
  const doc = parseAllDocuments(text)[0] as YamlMap;

  it("marks keys with no value and nothing else", () => {
    const bare = (m: YamlMap) => Object.keys(m).filter((k) => isBareNull(m, k));
    expect(bare(doc)).toEqual(["a", "d", "g", "h", "k"]);
    expect(bare(doc.e as YamlMap)).toEqual(["p", "s"]);
    expect(bare(doc.f as YamlMap)).toEqual(["p"]);
    const item = (doc.n as YamlMap[])[0]!;
    expect(bare(item)).toEqual(["m"]);
  });

  it("keeps the marks through cloneYaml", () => {
    const copy = cloneYaml(doc);
    expect(copy).toEqual(doc);
    expect(isBareNull(copy, "a")).toBe(true);
    expect(isBareNull(copy, "b")).toBe(false);
    const item = (copy.n as YamlMap[])[0]!;
    expect(isMap(item) && isBareNull(item, "m")).toBe(true);
  });

  it("forgets a mark once the value changes", () => {
    const copy = cloneYaml(doc);
    copy.a = "x";
    expect(isBareNull(copy, "a")).toBe(false);
  });
});
