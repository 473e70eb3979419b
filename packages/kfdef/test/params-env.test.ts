import { describe, expect, it } from "vitest";
import { updateParamsEnv } from "@kfrender/kfdef";

const ctx = { name: "kf", namespace: "kubeflow", project: "proj", parameters: [] as { name: string; value: string }[] };

describe("params.env update (spec §5.2)", () => {
  it("fills appName, namespace and project from the KfDef and keeps other lines", () => {
    expect(updateParamsEnv("appName=\nnamespace=old\nproject\nother=1\n# comment\n\n", ctx)).toBe("appName=kf\nnamespace=kubeflow\nproject=proj\nother=1\n# comment\n\n");
  });

  it("replaces lines of parameters with a non-empty value; later duplicates win; empty values fall through", () => {
    const parameters = [
      { name: "other", value: "a" },
      { name: "other", value: "b" },
      { name: "namespace", value: "" },
      { name: "x", value: "a=b" },
    ];
    expect(updateParamsEnv("other=1\nnamespace=n\nx\n", { ...ctx, parameters })).toBe("other=b\nnamespace=kubeflow\nx=a=b\n");
  });

  it("suffixes an empty generateName with 00000000", () => {
    const parameters = [{ name: "generateName", value: "gen-" }];
    expect(updateParamsEnv("generateName=\n", { ...ctx, parameters })).toBe("generateName=gen-00000000\n");
    expect(updateParamsEnv("generateName\n", { ...ctx, parameters })).toBe("generateName=gen-00000000\n");
    expect(updateParamsEnv("generateName==x\n", { ...ctx, parameters })).toBe("generateName=gen-00000000\n");
    expect(updateParamsEnv("generateName=old\n", { ...ctx, parameters })).toBe("generateName=gen-\n");
  });

  it("reads lines as bufio.Scanner does: CRLF, no final newline, empty file", () => {
    expect(updateParamsEnv("a=1\r\nappName=x\r\nb=2", ctx)).toBe("a=1\nappName=kf\nb=2\n");
    expect(updateParamsEnv("", ctx)).toBe("");
    expect(updateParamsEnv("\n", ctx)).toBe("\n");
  });

  it("empty KfDef values are written empty", () => {
    expect(updateParamsEnv("namespace=x\nproject=y\n", { ...ctx, namespace: "", project: "" })).toBe("namespace=\nproject=\n");
  });
});
