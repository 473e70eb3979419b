import { describe, expect, it } from "vitest";
import { KustomizeError, resourcesFromText } from "@kfrender/kustomize";

// kustomize issues 5042 and 5485: only a `…List` with an `items` key is a list. Observed with
// `kubectl kustomize` (kustomize v5.5.0); byte-exact output in fixtures/resources/list-kind-without-items.

describe("…List kinds without items", () => {
  it("keeps a …List kind without an items key as an ordinary resource", () => {
    const text = [
      "apiVersion: example.com/v1\nkind: AccessWhiteList\nmetadata:\n  name: allow\nspec:\n  rules: []\n",
      "apiVersion: v1\nkind: List\nmetadata:\n  name: plain\n",
    ].join("---\n");
    expect(resourcesFromText(text, "r.yaml").map((r) => `${r.kind}/${r.name}`)).toEqual(["AccessWhiteList/allow", "List/plain"]);
  });

  it("still flattens or drops a list that has items", () => {
    const text = [
      "apiVersion: v1\nkind: FooList\nmetadata:\n  name: empty\nitems: null\n",
      "apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n",
    ].join("---\n");
    expect(resourcesFromText(text, "r.yaml").map((r) => `${r.kind}/${r.name}`)).toEqual(["ConfigMap/c"]);
    expect(() => resourcesFromText("apiVersion: v1\nkind: FooList\nmetadata:\n  name: x\nitems: 3\n", "r.yaml")).toThrow(KustomizeError);
  });
});
