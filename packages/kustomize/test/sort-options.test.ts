import { describe, expect, it } from "vitest";
import { KustomizeError } from "@kfrender/kustomize";
import { Resource } from "../src/resource/resource.js";
import { applySortOptions } from "../src/transformers/sort-options.js";

// Observed with `kubectl kustomize` (kustomize v5.5.0); byte-exact outputs in fixtures/sortOptions/.

const res = (kind: string) => new Resource({ apiVersion: "v1", kind, metadata: { name: kind.toLowerCase() } });
const kinds = (rs: Resource[]) => rs.map((r) => r.kind);

describe("sortOptions", () => {
  it("sorts legacy without sortOptions (absent or null)", () => {
    const input = [res("Deployment"), res("ConfigMap")];
    expect(kinds(applySortOptions(input, undefined))).toEqual(["ConfigMap", "Deployment"]);
    expect(kinds(applySortOptions(input, null))).toEqual(["ConfigMap", "Deployment"]);
  });

  it("requires an order once sortOptions is given, even with legacySortOptions", () => {
    const msg = "the field 'sortOptions.order' must be one of [fifo, legacy]";
    expect(() => applySortOptions([], {})).toThrow(new KustomizeError("TRANSFORMER", msg));
    expect(() => applySortOptions([], { legacySortOptions: { orderFirst: ["ConfigMap"] } })).toThrow(msg);
    expect(kinds(applySortOptions([res("Deployment"), res("ConfigMap")], { order: "fifo" }))).toEqual(["Deployment", "ConfigMap"]);
  });
});
