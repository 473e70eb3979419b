// Expected strings come from kubectl kustomize v5.5.0 (see fixtures/ for the inputs it printed).
import { describe, expect, it } from "vitest";
import { stringifyAll, stringifyAllBytes, stringifyResource, YamlError, type YamlValue } from "@kfrender/yaml";

const one = (v: unknown) => stringifyResource({ v } as never);

describe("stringifyResource", () => {
  it("prints numbers as encoding/json then go-yaml v2 do", () => {
    expect(one(1)).toBe("v: 1\n");
    expect(one(2.5)).toBe("v: 2.5\n");
    expect(one(1e3)).toBe("v: 1000\n");
    expect(one(0.000001)).toBe("v: 1e-06\n");
    expect(one(1e-7)).toBe("v: 1e-07\n");
    expect(one(123456789.123)).toBe("v: 1.23456789123e+08\n");
    expect(one(1e20)).toBe("v: 1e+20\n");
    expect(one(1e21)).toBe("v: 1e+21\n");
    expect(one(-0)).toBe("v: 0\n");
    expect(one(3.141592653589793)).toBe("v: 3.141592653589793\n");
    expect(one(12345678901234567890n)).toBe("v: 12345678901234567890\n");
    expect(one(9007199254740993n)).toBe("v: 9007199254740993\n");
    expect(one(-9223372036854775808n)).toBe("v: -9223372036854775808\n");
  });

  it("refuses what Go's JSON encoder refuses", () => {
    expect(() => one(Infinity)).toThrow(YamlError);
    expect(() => one(NaN)).toThrow("json: unsupported value: NaN");
    expect(() => one("a\u007fb")).toThrow("control characters are not allowed");
  });

  it("quotes strings YAML 1.1 would read as another type", () => {
    for (const s of ["on", "yes", "y", "n", "NO", "true", "null", "~", "", "12", "1.5e3", "0x1F", "1_000", "1:20", "2024-01-01", ".5", "-1", "012"]) {
      expect(one(s)).toBe(`v: ${JSON.stringify(s)}\n`);
    }
    for (const s of ["infinity", ".", "+", "-dash", "a:b", "x#y", "a{", "a,b", "?a", "<<"]) expect(one(s)).toBe(`v: ${s}\n`);
  });

  it("single-quotes strings a plain scalar cannot hold", () => {
    for (const s of ["*star", "- dash", "a: b", "#x", ": x", "x #y", " x", "x ", "'", "---", "...", "&a", "!a", "%a", "@a", "`a", "|a", ">a", "{a", "-", "? a"]) {
      expect(one(s)).toBe(`v: '${s.replace(/'/g, "''")}'\n`);
    }
  });

  it("escapes in double quotes like go-yaml v2", () => {
    expect(one("a\tb")).toBe('v: "a\\tb"\n');
    expect(one("a\rb")).toBe('v: "a\\rb"\n');
    expect(one("a\u0001b")).toBe('v: "a\\x01b"\n');
    expect(one("x\u{1F600}y")).toBe('v: "x\\U0001F600y"\n');
    expect(one("\ufeffx")).toBe('v: "\\uFEFF\\x78"\n');
    expect(one("\ufeffa b\tc")).toBe('v: "\\uFEFF\\x61\\x20\\x62\\t\\x63"\n');
    expect(one("line1 \nline2")).toBe('v: "line1 \\nline2"\n');
    expect(one("é")).toBe("v: é\n");
    expect(one("a\u00a0b")).toBe("v: a\u00a0b\n");
    expect(one("a\u0085b")).toBe("v: a b\n");
    // A line separator is a break: the single-quoted text goes on at the scalar's indentation.
    expect(stringifyResource({ v: { ls: "a\u2028b" } })).toBe("v:\n  ls: 'a\u2028    b'\n");
  });

  it("prints multi-line strings as literal blocks with the right indicators", () => {
    expect(one("a\nb\n")).toBe("v: |\n  a\n  b\n");
    expect(one("a\nb")).toBe("v: |-\n  a\n  b\n");
    expect(one("a\nb\n\n")).toBe("v: |+\n  a\n  b\n\n");
    expect(one(" a\nb\n")).toBe("v: |2\n   a\n  b\n");
    expect(one("a\n\n\nb\n")).toBe("v: |\n  a\n\n\n  b\n");
    expect(one("\n")).toBe("v: |2+\n\n");
    expect(stringifyResource({ l: ["x\ny\n"] })).toBe("l:\n- |\n  x\n  y\n");
  });

  it("folds long scalars at 80 columns", () => {
    const words = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz";
    expect(stringifyResource({ v: { long: words } })).toBe(
      "v:\n  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n    pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz\n",
    );
    expect(stringifyResource({ v: { longsq: "*" + words.slice(1) } })).toBe(
      "v:\n  longsq: '*aaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n    pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz'\n",
    );
    const dq = "\taaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn ooo  pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz";
    expect(stringifyResource({ v: { dq } })).toBe(
      'v:\n  dq: "\\taaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn ooo\n    \\ pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz"\n',
    );
    const nospace = "a".repeat(120);
    expect(one(nospace)).toBe(`v: ${nospace}\n`);
  });

  it("lays out collections like go-yaml v2", () => {
    expect(stringifyResource({ a: [], b: {}, c: null, d: [[1, 2], [[3]], { x: 1, y: [true] }, [], {}] })).toBe(
      "a: []\nb: {}\nc: null\nd:\n- - 1\n  - 2\n- - - 3\n- x: 1\n  \"y\":\n  - true\n- []\n- {}\n",
    );
  });

  it("uses the ? form for keys with line breaks or over 128 bytes", () => {
    const k128 = "k".repeat(128);
    const k129 = "k".repeat(129);
    expect(stringifyResource({ [k128]: 1 })).toBe(`${k128}: 1\n`);
    expect(stringifyResource({ [k129]: 1 })).toBe(`? ${k129}\n: 1\n`);
    expect(stringifyResource({ "multi\nline": { a: 1, b: 2 } })).toBe("? |-\n  multi\n  line\n: a: 1\n  b: 2\n");
    expect(stringifyResource({ "a\nb\n": ["x", "y"] })).toBe("? |\n  a\n  b\n: - x\n  - \"y\"\n");
  });

  it("drops undefined map values as JSON does", () => {
    expect(stringifyResource({ a: 1, b: undefined } as never)).toBe("a: 1\n");
  });
});

describe("stringifyAll", () => {
  it("separates resources with --- lines and prints nothing for no resources", () => {
    expect(stringifyAll([])).toBe("");
    expect(stringifyAll([{ a: 1 }, { b: "x\n\n" }, { c: 2 }])).toBe("a: 1\n---\nb: |+\n  x\n\n---\nc: 2\n");
  });
});

describe("stringifyAllBytes", () => {
  it("gives the UTF-8 bytes of stringifyAll", () => {
    const values: YamlValue[] = [{ a: "é", b: "x".repeat(70_000) }, { c: ["\u{1F600}", "ü\nü\n"] }];
    expect(Buffer.from(stringifyAllBytes(values)).toString("utf8")).toBe(stringifyAll(values));
    expect(stringifyResource({ a: "é" })).toBe("a: é\n");
  });
});
