import { isMap } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import { buildCase, byId, caseNames, expectedError, expectedOutput } from "./patch-support.js";

/**
 * patchesStrategicMerge, patchesJson6902 and patches on fixtures/patches/*, compared with what
 * kubectl kustomize produced for the same directories (test/patch-expected/, see regen.py there).
 */

/** Cases whose output also depends on something this driver does not do. */
const NOT_HERE: Record<string, string> = {};
/** Resources whose references kustomize rewrites after a rename (name references are not run here). */
const REFERRERS: Record<string, string[]> = {
  "patches-allow-name-change": ["Pod/user", "Deployment/web"],
  "patches-json-rename-keeps-references": ["Pod/user"],
};

function idOf(v: unknown): string {
  return isMap(v) && isMap(v.metadata) ? `${v.kind}/${v.metadata.name}` : "";
}

describe("patch fields (fixtures/patches, expectations from kubectl kustomize)", () => {
  for (const name of caseNames()) {
    if (NOT_HERE[name]) continue;
    it(name, () => {
      const expected = expectedOutput(name);
      if (expected) {
        const { resMap } = buildCase(name);
        const skip = new Set(REFERRERS[name] ?? []);
        const got = byId(resMap.resources().map((r) => r.obj)).filter((v) => !skip.has(idOf(v)));
        const want = byId(expected).filter((v) => !skip.has(idOf(v)));
        expect(got).toEqual(want);
        return;
      }
      const kubectlError = expectedError(name);
      expect(kubectlError, "kubectl result recorded").toBeDefined();
      let thrown: unknown;
      try {
        buildCase(name);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(KustomizeError);
      // A patch failure gives kubectl's reason in its words (the context wrapped around it differs).
      if ((thrown as KustomizeError).code === "PATCH") {
        expect(kubectlError).toContain((thrown as Error).message.split("\n")[0]);
      }
    });
  }

  it("records the previous ids of renamed resources, so name references follow them", () => {
    const renamed = buildCase("patches-allow-name-change").resMap.resources().find((r) => r.kind === "ConfigMap")!;
    expect(renamed.name).toBe("cfg-renamed");
    expect(renamed.orgId().name).toBe("cfg");
    const json = buildCase("patches-json-rename-keeps-references").resMap.resources().find((r) => r.kind === "ConfigMap")!;
    expect(json.name).toBe("cfg-json");
    expect(json.orgId().name).toBe("cfg");
  });

  it("does not record ids for patchesJson6902 (kustomize does not)", () => {
    const res = buildCase("json6902-yaml-and-json").resMap.resources();
    expect(res.every((r) => r.prevIds.length === 0)).toBe(true);
  });
});
