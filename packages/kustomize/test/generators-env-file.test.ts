import { describe, expect, it } from "vitest";
import { generateConfigMaps, parseEnvFile } from "../src/generators/index.js";
import { memLoader, thrown } from "./generators-helpers.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const pairs = (s: string | Uint8Array) =>
  Object.fromEntries(parseEnvFile(typeof s === "string" ? bytes(s) : s).map((p) => [p.key, p.value]));

describe("env files", () => {
  it("follows kustomize's line rules", () => {
    const text =
      "\ufeffA=1\n  # comment\n\n   B = 2 \nC=\"q\"\nD='s'\nE\nF=a=b\r\nG=\t x\n#x=1\nexport H=1\nI=\"unterminated\n=skipped\n";
    expect(pairs(text)).toEqual({
      A: "1",
      "B ": " 2 ",
      C: '"q"',
      D: "'s'",
      E: "",
      F: "a=b",
      G: "\t x",
      I: '"unterminated',
      "export H": "1",
    });
  });

  it("does not read the environment for a key without a value", () => {
    const loader = memLoader({ "e.env": "HOME\nKFRENDER_FIXTURE_ENV\n" });
    const [cm] = generateConfigMaps([{ name: "x", envs: ["e.env"] }], undefined, loader);
    expect(cm!.obj.data).toEqual({ HOME: "", KFRENDER_FIXTURE_ENV: "" });
  });

  it("drops a BOM on the first line only", () => {
    expect(parseEnvFile(bytes("# x\n\ufeffB=1\n")).map((p) => p.key)).toEqual(["\ufeffB"]);
  });

  it("trims Go's unicode spaces (NBSP, NEL, ideographic) but not a BOM mid-file", () => {
    expect(Object.keys(pairs("\u00a0A=1\n\u0085B=1\n\u3000C=1\n"))).toEqual(["A", "B", "C"]);
  });

  it("drops a single CR before LF and keeps others", () => {
    expect(pairs("A=1\r\nB=2\r\r\nC=3")).toEqual({ A: "1", B: "2\r", C: "3" });
  });

  it("stops silently at a line of 64 KiB or more (bufio.Scanner's limit)", () => {
    expect(Object.keys(pairs(`A=1\nB=${"x".repeat(65533)}\nC=3\n`))).toEqual(["A", "B", "C"]);
    expect(Object.keys(pairs(`A=1\nB=${"x".repeat(65534)}\nC=3\n`))).toEqual(["A"]);
    expect(Object.keys(pairs(`A=1\nB=${"x".repeat(65533)}\r\nC=3\n`))).toEqual(["A"]);
  });

  it("refuses a line that is not UTF-8, quoting its bytes", () => {
    const loader = memLoader({ "a.env": Uint8Array.of(0x41, 0x3d, 0x31, 0x0a, 0x42, 0x3d, 0xff, 0x0a) });
    const e = thrown(() => generateConfigMaps([{ name: "x", envs: ["a.env"] }], undefined, loader));
    expect(e.message).toBe(
      "loading KV pairs: env source files: [a.env]: line [66 61 255] has invalid utf8 bytes : B=\ufffd",
    );
    expect(e.file).toBe("/app/a.env");
  });
});
