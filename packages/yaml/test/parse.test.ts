// Behaviour checked against kubectl kustomize v5.5.0 (fixtures/ has the kubectl runs).
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parseYaml11, YamlError } from "@kfrender/yaml";

const v = (text: string) => (parseAllDocuments(`v: ${text}\n`)[0] as { v: unknown }).v;

describe("parseAllDocuments typing (go-yaml v3)", () => {
  it("types plain scalars as go-yaml v3 does", () => {
    expect(v("0755")).toBe(493);
    expect(v("0o17")).toBe(15);
    expect(v("0x1F")).toBe(31);
    expect(v("0b101")).toBe(5);
    expect(v("1e3")).toBe(1000);
    expect(v("09")).toBe(9);
    expect(v("1_000")).toBe(1000);
    expect(v("+12")).toBe(12);
    expect(v("~")).toBe(null);
    expect(v("Null")).toBe(null);
    expect(v("True")).toBe(true);
    expect(v(".inf")).toBe(Infinity);
    expect(v("-.inf")).toBe(-Infinity);
    expect(v("on")).toBe("on");
    expect(v("yes")).toBe("yes");
    expect(v("y")).toBe("y");
    expect(v("1:20")).toBe("1:20");
    expect(v(".infinity")).toBe(".infinity");
    expect(v("12345678901234567890")).toBe(12345678901234567890n);
    expect(v("9007199254740993")).toBe(9007199254740993n);
    expect(v("123456789012345678901234567890")).toBe(1.2345678901234568e29);
    expect(v("'0755'")).toBe("0755");
  });

  it("turns unquoted timestamps into Go's RFC 3339 text", () => {
    expect(v("2024-01-01")).toBe("2024-01-01T00:00:00Z");
    expect(v("2001-12-14t21:59:43.10-05:00")).toBe("2001-12-14T21:59:43.1-05:00");
    expect(v("2001-12-14 21:59:43.10")).toBe("2001-12-14T21:59:43.1Z");
    expect(v("2024-1-2T3:04:05+00:00")).toBe("2024-01-02T03:04:05Z");
    expect(v("2024-02-30")).toBe("2024-02-30");
    expect(v('"2024-01-01"')).toBe("2024-01-01");
    expect(v("!!str 2024-01-01")).toBe("2024-01-01");
  });

  it("applies explicit tags", () => {
    expect(v('!!int "5"')).toBe(5);
    expect(v("!!str 123")).toBe("123");
    expect(v("!!binary aGVsbG8=")).toBe("hello");
    expect(v("!custom 12")).toBe("12");
  });

  it("keeps the text of non-string keys at the root only", () => {
    expect(parseAllDocuments("1: a\ntrue: b\n0x1F: c\n")).toEqual([{ 1: "a", true: "b", "0x1F": "c" }]);
    expect(() => parseAllDocuments("v:\n  1: a\n")).toThrow("json: unsupported type");
  });

  it("expands anchors, aliases and merge keys (earlier sources and explicit keys win)", () => {
    const [doc] = parseAllDocuments("a: &x {p: 1}\nb: *x\nb1: &b1 {p: 1}\nb2: &b2 {p: 2, r: 2}\nm:\n  <<: [*b1, *b2]\n  r: 3\n");
    expect(doc).toEqual({ a: { p: 1 }, b: { p: 1 }, b1: { p: 1 }, b2: { p: 2, r: 2 }, m: { p: 1, r: 3 } });
    const d = doc as { a: object; b: object };
    expect(d.a).not.toBe(d.b);
  });

  it("stops alias bombs", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    expect(() => parseAllDocuments(text)).toThrow("excessive aliasing");
  });

  it("reads folded scalars as kyaml's v3 round trip leaves them", () => {
    expect(v(">+\n  keep\n\nw: 1")).toBe("keep\n\n\n");
    expect(v(">-\n  a\n    b\n  c")).toBe("a\n\n  b\nc");
    expect(v(">\n  folded\n  text\n\n  para\n")).toBe("folded text\npara\n");
  });

  it("reads block scalars, quoted folding and escapes as libyaml does", () => {
    expect(parseAllDocuments("v: |\n  x\n  y")).toEqual([{ v: "x\ny" }]);
    expect(v("|2\n   x\n  y\n")).toBe(" x\ny\n");
    expect(v('"line one\n  line two\n\n  para"')).toBe("line one line two\npara");
    expect(v("'it''s\n  here'")).toBe("it's here");
    expect(v('"\\x41\\u00e9\\U0001F600\\N\\_\\t"')).toBe("A\u00e9\u{1F600}\u0085\u00a0\t");
    expect(v("this is\n  a multi\n\n  line")).toBe("this is a multi\nline");
    expect(parseAllDocuments("a: |\r\n  x\r\n  y\r\n")).toEqual([{ a: "x\ny\n" }]);
  });

  it("skips empty and comment-only documents", () => {
    expect(parseAllDocuments("---\n# c\n---\na: 1\n...\n---\n\n")).toEqual([{ a: 1 }]);
    expect(parseAllDocuments("")).toEqual([]);
  });

  it("reports errors with the file and 1-based line", () => {
    const bad = (text: string, message: string, line: number) => {
      try {
        parseAllDocuments(text, { file: "r.yaml" });
      } catch (e) {
        expect(e).toBeInstanceOf(YamlError);
        expect((e as YamlError).message).toContain(message);
        expect((e as YamlError).file).toBe("r.yaml");
        expect((e as YamlError).line).toBe(line);
        return;
      }
      throw new Error("no error");
    };
    bad("a: 1\na: 2\n", 'mapping key "a" already defined', 2);
    bad("a: b: c\n", "mapping values are not allowed in this context", 1);
    bad("a:\n  b: 1\n  - c\n", "did not find expected key", 3);
    bad("a: *nope\n", "unknown anchor 'nope' referenced", 1);
    bad('a: "\\/"\n', "found unknown escape character", 1);
    bad("a:\n\tb: 1\n", "found character that cannot start any token", 2);
    bad('a: "abc\n', "found unexpected end of stream", 1);
  });

  it("hands unusual syntax to the fallback reader", () => {
    expect(parseAllDocuments("? a\n: 1\n? |\n  b\n: 2\n")).toEqual([{ a: 1, "b\n": 2 }]);
  });
});

describe("parseYaml11 (kustomization files, go-yaml v2)", () => {
  it("types YAML 1.1 scalars and keeps dates as strings", () => {
    expect(parseYaml11("a: on\nb: yes\nc: n\nd: 0x10\ne: 010\nf: 1_0\ng: 2024-01-01\nh: ~\ni: '0x10'\n")).toEqual({
      a: true, b: true, c: false, d: 16, e: 8, f: 10, g: "2024-01-01", h: null, i: "0x10",
    });
  });

  it("lets the last duplicate key win and converts keys to strings", () => {
    expect(parseYaml11("namePrefix: a-\nnamePrefix: b-\n")).toEqual({ namePrefix: "b-" });
    expect(parseYaml11("m:\n  1: a\n  true: b\n  0x10: c\n")).toEqual({ m: { 1: "a", true: "b", 16: "c" } });
  });

  it("returns null for an empty file", () => {
    expect(parseYaml11("# nothing\n")).toBe(null);
  });
});

describe("limits", () => {
  it("refuses absurd nesting with a YamlError, not a crash", () => {
    expect(() => parseAllDocuments("a: " + "[".repeat(200_000))).toThrow(YamlError);
  });
});

describe("what kubectl kustomize's reader does beyond go-yaml (kyaml)", () => {
  const one = (text: string) => parseAllDocuments(text)[0];

  it("drops the first key whose text is `<<` and refuses a second merge key", () => {
    expect(one("a: {'<<': 1, b: 2}\n")).toEqual({ a: { b: 2 } });
    expect(one("m: &m {x: 1}\na:\n  <<: *m\n  '<<': kept\n")).toEqual({ m: { x: 1 }, a: { x: 1, "<<": "kept" } });
    expect(one("m: &m {x: 1}\na:\n  !!merge '<<': *m\n")).toEqual({ m: { x: 1 }, a: { x: 1 } });
    expect(() => one("a:\n  <<: {x: 1}\n  <<: {y: 1}\n")).toThrow("duplicate merge key");
    expect(() => one("l: &l [{x: 1}]\na:\n  <<: *l\n")).toThrow("alias for a non-map value");
  });

  it("cuts the stream at `---` lines and reads the first document of each piece", () => {
    expect(parseAllDocuments("a: 1\n...\nb: 2\n---\nc: 3\n")).toEqual([{ a: 1 }, { c: 3 }]);
    expect(() => parseAllDocuments("a: 1\n--- |\n  text\n")).toThrow("invalid document separator");
    expect(() => parseAllDocuments("%YAML 1.1\n---\na: 1\n")).toThrow(YamlError);
    expect(parseAllDocuments("a: 1\n---\n\ufeffb: 2\n")).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe("libyaml's scanner rules", () => {
  it("reads NEL, LS and PS as line breaks, keeping LS and PS in scalars", () => {
    expect(v("a\u0085    b")).toBe("a b");
    expect(v('"a  \u2028  b"')).toBe("a\u2028b");
    expect(() => v("a\u2028b")).toThrow(YamlError);
  });

  it("ends flow plain scalars at '?' but not at ':' before a flow indicator", () => {
    expect(v("[x:, -]")).toEqual(["x:", "-"]);
    expect(() => v("[a?b]")).toThrow(YamlError);
    expect(() => v("[:x]")).toThrow(YamlError);
    expect(() => v("{,}")).toThrow(YamlError);
  });

  it("refuses tabs where libyaml's scanner skips only spaces", () => {
    expect(() => parseAllDocuments("a: 'x'\n\t\n")).toThrow("cannot start any token");
    expect(() => parseAllDocuments("a:\n  b: x\n \t\n")).toThrow("violates indentation");
    expect(parseAllDocuments("a:\n  b: x\n     \t\n")).toEqual([{ a: { b: "x" } }]);
    expect(() => v("%a")).toThrow("cannot start any token");
  });
});
