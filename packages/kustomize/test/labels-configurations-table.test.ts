import { describe, expect, it } from "vitest";
import { KustomizeError } from "@kfrender/kustomize";
import { defaultTransformerConfig, mergeTransformerConfig, parseTransformerConfig } from "../src/fieldspecs/index.js";
import { labelFieldSpecs } from "../src/transformers/labels.js";
import { kustomizeErrorMessage } from "./support/errors.js";

// The `labels` table of a `configurations:` file: extra fields every `labels:` entry writes to
// (never commonLabels). Observed with `kubectl kustomize` (kustomize v5.5.0); byte-exact outputs
// in fixtures/labels/configurations-labels-table*.

const withLabelsTable = (yaml: string) => mergeTransformerConfig(defaultTransformerConfig(), parseTransformerConfig(yaml));
const SAMPLE_SELECTORS = { path: "spec/selectors/labels", kind: "Sample", create: true };

const conflict = kustomizeErrorMessage;

describe("configurations: labels table", () => {
  it("is empty by default and read from configurations", () => {
    expect(defaultTransformerConfig().labels).toEqual([]);
    expect(withLabelsTable("labels:\n- path: spec/selectors/labels\n  create: true\n  kind: Sample\n").labels).toEqual([SAMPLE_SELECTORS]);
  });

  it("adds its fields to every labels entry, whatever includeSelectors and includeTemplates say", () => {
    const config = withLabelsTable("labels:\n- path: spec/selectors/labels\n  create: true\n  kind: Sample\n");
    for (const flags of [{}, { includeSelectors: true }, { includeTemplates: true }]) {
      expect(labelFieldSpecs({ pairs: { a: "1" }, ...flags }, config)).toContainEqual(SAMPLE_SELECTORS);
    }
    expect(config.commonLabels).not.toContainEqual(SAMPLE_SELECTORS);
  });

  it("is merged before metadata/labels, so a narrower spec there shadows the default one", () => {
    const config = withLabelsTable("labels:\n- path: metadata/labels\n  create: true\n  kind: Sample\n");
    expect(labelFieldSpecs({ pairs: { a: "1" } }, config)).toEqual([{ path: "metadata/labels", kind: "Sample", create: true }]);
  });

  it("reports conflicts as kubectl does", () => {
    const noCreate = withLabelsTable("labels:\n- path: metadata/labels\n  create: false\n");
    expect(conflict(() => labelFieldSpecs({ pairs: {} }, noCreate))).toBe("failed to merge labels: conflicting fieldspecs");
    const template = withLabelsTable("labels:\n- path: spec/template/metadata/labels\n  create: false\n  kind: Deployment\n");
    expect(conflict(() => labelFieldSpecs({ pairs: {}, includeTemplates: true }, template))).toBe(
      "failed to merge template fieldSpec: conflicting fieldspecs",
    );
    const fields = withLabelsTable("labels:\n- path: spec/template/metadata/labels\n  create: true\n  kind: Deployment\n");
    const own = [{ path: "spec/template/metadata/labels", kind: "Deployment" }];
    expect(conflict(() => labelFieldSpecs({ pairs: {}, fields: own }, fields))).toBe("failed to merge labels: conflicting fieldspecs");
  });
});
