import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { KfDefError, parseKfDef } from "@kfrender/kfdef";
import { capture, runRender } from "./support/cli.js";
import { KFDEF_FIXTURES } from "./support/paths.js";

/**
 * fixtures/kfdef/<case>/: kfdef.yaml, its repository `repo/` (as `manifests`), optional `args` (extra
 * flags), and the expected result: `expected.yaml` (stdout of `render --keep-going`) plus
 * `expected-failures` (the applications that fail), or `expected-error` (the KfDefError code when
 * nothing can be rendered). See fixtures/kfdef/README.md for how they were made.
 */
const cases = fs
  .readdirSync(KFDEF_FIXTURES)
  .filter((c) => fs.existsSync(path.join(KFDEF_FIXTURES, c, "kfdef.yaml")))
  .sort();

describe("KfDef fixtures (expected output per the specification)", () => {
  it("exist", () => expect(cases.length).toBeGreaterThan(10));

  for (const c of cases) {
    const dir = path.join(KFDEF_FIXTURES, c);
    const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : undefined);
    it(c, async () => {
      const expectedError = read("expected-error");
      if (expectedError !== undefined) {
        const err = (() => {
          try {
            parseKfDef(read("kfdef.yaml")!);
          } catch (e) {
            return e;
          }
        })();
        expect(err).toBeInstanceOf(KfDefError);
        expect((err as KfDefError).code).toBe(expectedError.trim());
        const r = await capture(runRender, [path.join(dir, "kfdef.yaml"), "--repo", `manifests=${path.join(dir, "repo")}`]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        return;
      }
      const args = (read("args") ?? "").split(/\s+/).filter(Boolean);
      const r = await capture(runRender, [path.join(dir, "kfdef.yaml"), "--repo", `manifests=${path.join(dir, "repo")}`, "--keep-going", ...args]);
      const failures = (read("expected-failures") ?? "").split("\n").filter(Boolean);
      const failed = [...r.stderr.matchAll(/^Error: application (\S+?):? /gm)].map((m) => m[1]);
      expect(failed).toEqual(failures);
      expect(r.stdout).toBe(read("expected.yaml"));
      expect(r.code).toBe(failures.length > 0 ? 1 : 0);
    });
  }
});
