import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import { generateConfigMaps, nameHashSuffix } from "../src/generators/index.js";
import { memLoader, thrown } from "./generators-helpers.js";

describe("configMapGenerator", () => {
  it("takes env files, then literals, then files, and marks the name for hashing", () => {
    const loader = memLoader({ "f.env": "a=1\n", "file.txt": "hello\nworld\n" });
    const [cm] = generateConfigMaps(
      [{ name: "cm", literals: ["x=y"], files: ["file.txt", "k2=file.txt"], envs: ["f.env"] }],
      undefined,
      loader,
    );
    expect(cm!.obj).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
      data: { a: "1", "file.txt": "hello\nworld\n", k2: "hello\nworld\n", x: "y" },
    });
    expect(Object.keys(cm!.obj.data as object)).toEqual(["a", "x", "file.txt", "k2"]);
    expect(cm!.needsHashSuffix).toBe(true);
    expect(cm!.behavior).toBeUndefined();
    expect(nameHashSuffix(cm!)).toBe("hdd55g6845"); // kubectl: cm-hdd55g6845
  });

  it("has no data field at all when there are no sources", () => {
    const [cm] = generateConfigMaps([{ name: "empty" }], undefined, memLoader());
    expect(cm!.obj).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "empty" } });
    expect(nameHashSuffix(cm!)).toBe("6ct58987ht");
  });

  it("strips one pair of matching quotes from literal values, nothing else", () => {
    const [cm] = generateConfigMaps(
      [
        {
          name: "x",
          literals: ['a="q"', "b='s'", `c="mixed'`, "d=", 'e=""', "f=x=y", 'h="a"b"', "i=''", 'j="', "k=this is a 'test'"],
        },
      ],
      undefined,
      memLoader(),
    );
    expect(cm!.obj.data).toEqual({
      a: "q",
      b: "s",
      c: `"mixed'`,
      d: "",
      e: "",
      f: "x=y",
      h: 'a"b',
      i: "",
      j: '"',
      k: "this is a 'test'",
    });
  });

  it("accepts any key, as kubectl does (no key validation)", () => {
    const [cm] = generateConfigMaps([{ name: "x", literals: ["a b=c", "..a=c"] }], undefined, memLoader());
    expect(cm!.obj.data).toEqual({ "a b": "c", "..a": "c" });
  });

  it("keeps a __proto__ key as data", () => {
    const [cm] = generateConfigMaps([{ name: "x", literals: ["__proto__=v"] }], undefined, memLoader());
    expect(Object.keys(cm!.obj.data as object)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(cm!.obj.data)).toBe(Object.prototype);
  });

  it("keys a file by its base name unless given key=path", () => {
    const loader = memLoader({ "sub/f.txt": "", "a.txt": "x" });
    const [cm] = generateConfigMaps([{ name: "x", files: ["sub/f.txt", "k=sub/f.txt", "a.txt"] }], undefined, loader);
    expect(cm!.obj.data).toEqual({ "f.txt": "", k: "", "a.txt": "x" });
  });

  it("puts non-UTF-8 files in binaryData, base64 wrapped at 70 columns", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const loader = memLoader({ "bin.dat": all, "small.bin": Uint8Array.of(0xff, 0xfe) });
    const [cm] = generateConfigMaps(
      [{ name: "bin", files: ["bin.dat", "small.bin"], literals: ["t=x"] }],
      undefined,
      loader,
    );
    const b64 = Buffer.from(all).toString("base64");
    expect(cm!.obj.binaryData).toEqual({
      "bin.dat": b64.match(/.{1,70}/g)!.join("\n") + "\n",
      "small.bin": "//4=",
    });
    expect(cm!.obj.data).toEqual({ t: "x" });
    expect(nameHashSuffix(cm!)).toBe("6cmm6h4c9m"); // kubectl: bin-6cmm6h4c9m
  });

  it("keeps a UTF-8 BOM and CR characters of a text file", () => {
    const loader = memLoader({ "bom.txt": "\ufeffx\r\n" });
    const [cm] = generateConfigMaps([{ name: "x", files: ["bom.txt"] }], undefined, loader);
    expect(cm!.obj.data).toEqual({ "bom.txt": "\ufeffx\r\n" });
  });

  it("sets namespace, labels, annotations, immutable and behavior", () => {
    const [cm] = generateConfigMaps(
      [
        {
          name: "a",
          namespace: "foo",
          behavior: "merge",
          options: { labels: { l: "1" }, annotations: { n: "2" }, immutable: true, disableNameSuffixHash: true },
        },
      ],
      undefined,
      memLoader(),
    );
    expect(cm!.obj).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", namespace: "foo", labels: { l: "1" }, annotations: { n: "2" } },
      immutable: true,
    });
    expect(cm!.behavior).toBe("merge");
    expect(cm!.needsHashSuffix).toBe(false);
  });

  it("treats an unknown behavior word as create", () => {
    const [cm] = generateConfigMaps([{ name: "a", behavior: "Merge" as never }], undefined, memLoader());
    expect(cm!.behavior).toBeUndefined();
  });

  it("appends the legacy env file after envs", () => {
    const loader = memLoader({ "a.env": "A=1\n", "b.env": "B=1\n" });
    const e = thrown(() => generateConfigMaps([{ name: "x", env: "a.env", envs: ["b.env", "nope"] }], undefined, loader));
    expect(e.message).toMatch(/^loading KV pairs: env source files: \[b\.env nope a\.env\]: /);
    const [cm] = generateConfigMaps([{ name: "x", env: "a.env", envs: ["b.env"] }], undefined, loader);
    expect(Object.keys(cm!.obj.data as object)).toEqual(["B", "A"]);
  });
});

describe("configMapGenerator errors (kubectl's messages)", () => {
  const gen = (args: object, files: Record<string, string | Uint8Array> = {}) =>
    thrown(() => generateConfigMaps([args], undefined, memLoader(files)));

  it("requires a name", () => {
    const e = gen({ literals: ["a=b"] });
    expect(e).toBeInstanceOf(KustomizeError);
    expect(e.code).toBe("GENERATOR");
    expect(e.message).toBe("a configmap must have a name");
  });

  it("refuses a repeated key, across source kinds", () => {
    expect(gen({ name: "x", literals: ["a=b", "a=c"] }).message).toBe("configmap x illegally repeats the key `a`");
    expect(gen({ name: "x", envs: ["a.env"], literals: ["A=3"] }, { "a.env": "A=1\n" }).message).toBe(
      "configmap x illegally repeats the key `A`",
    );
  });

  it("refuses literals without a key or `=`", () => {
    expect(gen({ name: "x", literals: ["ab"] }).message).toBe(
      "loading KV pairs: literal sources [ab]: invalid literal source ab, expected key=value",
    );
    expect(gen({ name: "x", literals: ["=ab"] }).message).toBe(
      "loading KV pairs: literal sources [=ab]: invalid literal source =ab, expected key=value",
    );
  });

  it("refuses malformed file sources", () => {
    const f = { f: "x" };
    expect(gen({ name: "x", files: ["=f"] }, f).message).toBe(
      'loading KV pairs: file sources: [=f]: missing key name for file path "f" in source "=f"',
    );
    expect(gen({ name: "x", files: ["k="] }, f).message).toBe(
      'loading KV pairs: file sources: [k=]: missing file path for key name "k" in source "k="',
    );
    expect(gen({ name: "x", files: ["k==f"] }, f).message).toBe(
      `loading KV pairs: file sources: [k==f]: source "k==f" key name or file path contains '='`,
    );
    expect(gen({ name: "x", files: ["k=https://h/a=b"] }, f).message).toBe(
      `loading KV pairs: file sources: [k=https://h/a=b]: source "k=https://h/a=b" key name or file path contains '='`,
    );
  });

  it("wraps loader failures with the source list and keeps the loader's code", () => {
    const e = gen({ name: "x", files: ["nope"] });
    expect(e).toBeInstanceOf(KustomizeError);
    expect(e.message).toMatch(/^loading KV pairs: file sources: \[nope\]: /);
    expect(e.file).toBe("/app/nope");
  });

  it("refuses remote file sources (no network)", () => {
    const e = gen({ name: "x", files: ["https://example.com/f.txt"] });
    expect(e.code).toBe("REMOTE_UNSUPPORTED");
    expect(e.message).toMatch(/^loading KV pairs: file sources: \[https:\/\/example\.com\/f\.txt\]: remote files/);
  });

  it("reports the name before anything else, env files before literals", () => {
    expect(gen({ literals: ["bad"] }).message).toBe("a configmap must have a name");
    expect(gen({ name: "x", literals: ["bad"], envs: ["nope"] }).message).toMatch(/^loading KV pairs: env source files/);
    expect(gen({ name: "x", literals: ["bad"], files: ["nope"] }).message).toMatch(/^loading KV pairs: literal sources/);
  });
});
