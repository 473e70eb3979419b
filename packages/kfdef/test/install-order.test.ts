import { describe, expect, it } from "vitest";
import { documentKind, joinDocuments, sortByInstallOrder, splitDocuments, unifiedDiff, checkGolden } from "@kfrender/kfdef";

describe("documents and order (spec §7.4, §8)", () => {
  it("splits at lines equal to ---, keeping text byte for byte", () => {
    expect(splitDocuments("")).toEqual([]);
    expect(splitDocuments("a: 1\n---\nb: |\n  ---x\n  --- \n---\nc: 3\n")).toEqual(["a: 1\n", "b: |\n  ---x\n  --- \n", "c: 3\n"]);
    expect(splitDocuments("a: 1")).toEqual(["a: 1\n"]);
  });

  it("reads the top-level kind", () => {
    expect(documentKind("apiVersion: v1\nkind: Service\nspec:\n  kind: X\n")).toBe("Service");
    expect(documentKind('kind: "odd kind"\n')).toBe("odd kind");
    expect(documentKind("metadata:\n  kind: X\n")).toBe("");
  });

  it("sorts stably by install order, unknown kinds last by name", () => {
    const kinds = ["Deployment", "Zed", "Service", "Namespace", "Abc", "APIService", "Service", "CustomResourceDefinition", ""];
    const docs = kinds.map((kind, i) => ({ kind, text: `${kind}${i}\n` }));
    expect(joinDocuments(sortByInstallOrder(docs))).toBe(
      ["Namespace3", "CustomResourceDefinition7", "Service2", "Service6", "Deployment0", "APIService5", "8", "Abc4", "Zed1"].map((s) => s + "\n").join("---\n"),
    );
  });
});

describe("golden checks", () => {
  it("prints a unified diff with context and hunk ranges", () => {
    const a = Array.from({ length: 12 }, (_, i) => `l${i}`).join("\n") + "\n";
    const b = a.replace("l1\n", "L1\n").replace("l10\n", "");
    expect(unifiedDiff(a, b, { fromLabel: "want", toLabel: "got" })).toBe(
      "--- want\n+++ got\n@@ -1,5 +1,5 @@\n l0\n-l1\n+L1\n l2\n l3\n l4\n@@ -8,5 +8,4 @@\n l7\n l8\n l9\n-l10\n l11\n",
    );
    expect(unifiedDiff(a, a)).toBe("");
    expect(unifiedDiff("", "x\n")).toBe("--- expected\n+++ actual\n@@ -0,0 +1 @@\n+x\n");
  });

  it("reports equality, differences and a missing golden", () => {
    expect(checkGolden("a\n", "a\n", "f")).toEqual({ equal: true, missing: false, diff: "" });
    expect(checkGolden("a\n", "b\n", "f").diff).toBe("--- f\n+++ actual output\n@@ -1 +1 @@\n-b\n+a\n");
    expect(checkGolden("a\n", undefined, "f").missing).toBe(true);
  });

  it("stays fast on large, very different texts", () => {
    const a = Array.from({ length: 50_000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 50_000 }, (_, i) => `b${i}`).join("\n");
    const t = Date.now();
    expect(unifiedDiff(a, b).length).toBeGreaterThan(0);
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
