import { describe, expect, it } from "vitest";
import { goRegExp } from "../src/go-regexp.js";

const matches = (pattern: string, text: string): boolean => goRegExp(pattern).test(text);

describe("Go regular expressions", () => {
  it("lets a repetition apply to an assertion", () => {
    expect(matches("^*b$", "ab")).toBe(true);
    expect(matches("^+a$", "a")).toBe(true);
  });

  it("resolves inline flags for the rest of their group", () => {
    expect(matches("^(?i)abc$", "AbC")).toBe(true);
    expect(matches("^(?i:a)b$", "AB")).toBe(false);
    expect(matches("^(?i)a(?-i)b$", "Ab")).toBe(true);
    expect(matches("^(?s).$", "\n")).toBe(true);
    expect(matches("^.$", "\n")).toBe(false);
    expect(matches("(?m)^b$", "a\nb\nc")).toBe(true);
    expect(matches("^b$", "a\nb\nc")).toBe(false);
  });

  it("reads POSIX classes, quoting, \\z and ASCII-only Perl classes", () => {
    expect(matches("^[[:alpha:]]+$", "abZ")).toBe(true);
    expect(matches("^[[:^digit:]]+$", "ab1")).toBe(false);
    expect(matches("^\\Qa.b\\E$", "axb")).toBe(false);
    expect(matches("^\\Qa.b\\E$", "a.b")).toBe(true);
    expect(matches("a\\z", "a")).toBe(true);
    expect(matches("^\\s$", "\u00a0")).toBe(false);
    expect(matches("^[\\D]$", "x")).toBe(true);
    expect(matches("^\\pL+$", "été")).toBe(true);
  });

  it("takes `{` that does not start a count as a literal", () => {
    expect(matches("^a{$", "a{")).toBe(true);
    expect(matches("^a{2}$", "aa")).toBe(true);
  });

  it("rejects what Go rejects", () => {
    for (const bad of ["(", ")", "[a", "a**", "*a", "a|*", "(n)\\1", "(?=a)", "(?!a)", "a{1001}", "a{3,2}", "[z-a]", "\\q", "(?x)a", "(?)"]) {
      expect(() => goRegExp(bad), bad).toThrow(/error parsing regexp/);
    }
  });
});
