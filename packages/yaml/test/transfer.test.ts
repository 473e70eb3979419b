import { decodeDocuments, encodeDocuments, isBareNull, parseAllDocuments, type ReadStats, type YamlMap, stringifyAll } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";

function read(text: string): { docs: ReturnType<typeof parseAllDocuments>; stats: ReadStats } {
  const stats: ReadStats = { nullListItems: -1 };
  return { docs: parseAllDocuments(text, { stats }), stats };
}

/** Parsed documents handed between threads as JSON (kfrender build's read-ahead). */
describe("encodeDocuments / decodeDocuments", () => {
  it("round-trips values, key order, bare-null marks and read stats", () => {
    const text = "b: 1\na:\n  x:\n  y: null\n  z: [1, ~]\n'0': zero\nlist:\n- k:\n---\nkind: K\n";
    const { docs, stats } = read(text);
    const encoded = encodeDocuments(docs, stats)!;
    expect(encoded).toBeDefined();
    expect(encoded.bareNulls).toEqual([[0, "a", "x"], [0, "list", 0, "k"]]);
    expect(encoded.nullListItems).toBe(1);
    expect(encoded.firstDocumentIsMap).toBe(true);
    const back = decodeDocuments(encoded);
    expect(back).toEqual(docs);
    expect(Object.keys(back[0] as YamlMap)).toEqual(Object.keys(docs[0] as YamlMap));
    const a = (back[0] as YamlMap).a as YamlMap;
    expect(isBareNull(a, "x")).toBe(true);
    expect(isBareNull(a, "y")).toBe(false);
    expect(isBareNull(((back[0] as YamlMap).list as YamlMap[])[0]!, "k")).toBe(true);
    expect(stringifyAll(back)).toBe(stringifyAll(docs));
  });

  it("keeps strings JSON escapes would touch", () => {
    const { docs, stats } = read('a: "tab\\t, \\u2028, \\U0001F600 and \\"q\\""\n__proto__: p\n');
    const back = decodeDocuments(encodeDocuments(docs, stats)!);
    expect(back).toEqual(docs);
    expect(Object.prototype.hasOwnProperty.call(back[0], "__proto__")).toBe(true);
  });

  it("refuses what JSON would change: big integers, -0, NaN, infinities", () => {
    for (const text of ["a: 12345678901234567890\n", "a: -0.0\n", "a: .nan\n", "a: -.inf\n"]) {
      const { docs, stats } = read(text);
      expect(encodeDocuments(docs, stats), text).toBeUndefined();
    }
  });

  it("refuses documents read without counts", () => {
    const { docs } = read("a: 1\n");
    expect(encodeDocuments(docs, { nullListItems: -1, bareNulls: 0 })).toBeUndefined();
  });
});
