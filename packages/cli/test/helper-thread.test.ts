import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { planResourceFiles } from "../src/helper-thread/plan.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const cli = path.join(repo, "packages/cli/dist/cli.js");
const fixtures = path.join(repo, "fixtures");

function build(dir: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, "build", dir], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The helper thread of `kfrender build` (packages/cli/src/helper-thread): same bytes, same failures. */
describe("build with a helper thread", () => {
  beforeAll(() => {
    // The worker runs from the bundle; build it when this checkout has not been built yet.
    if (!fs.existsSync(path.join(repo, "packages/cli/dist/helper-thread.js"))) {
      execFileSync("npx", ["-y", "pnpm@12.4.2", "-r", "build"], { cwd: repo, stdio: "ignore" });
    }
  }, 300_000);

  const cases = [
    "example/app",
    ...["patches", "build-metadata", "resources", "vars", "namespace", "generators"].flatMap((feature) =>
      fs.readdirSync(path.join(fixtures, feature)).sort().slice(0, 6).map((c) => `${feature}/${c}`),
    ),
  ].filter((c) => fs.existsSync(path.join(fixtures, c, "kustomization.yaml")) && !fs.existsSync(path.join(fixtures, c, "KNOWN-GAP")));

  it.each(cases)("%s: prints what kubectl printed, with and without it", (c) => {
    const dir = path.join(fixtures, c);
    const on = build(dir, { KFRENDER_THREADS: "2" });
    const off = build(dir, { KFRENDER_THREADS: "1" });
    expect(on).toEqual(off);
    const expected = path.join(dir, "expected.yaml");
    if (fs.existsSync(expected)) expect(on.stdout).toBe(fs.readFileSync(expected, "utf8"));
    else expect(on.code).not.toBe(0);
  });
});

describe("planResourceFiles", () => {
  it("lists resource files depth first, as the build reads them, keyed by their de-linked directory", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "kfr-plan-"));
    const write = (p: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), text);
    };
    write("app/kustomization.yaml", "resources:\n- a.yaml\n- ../base\n- c.yaml\ncomponents:\n- ../comp\nbases:\n- ../other\n");
    write("base/kustomization.yml", "resources:\n- b.yaml\n- https://example.com/remote.yaml\n- missing.yaml\n");
    write("comp/kustomization.yaml", "kind: Component\nresources:\n- d.yaml\n");
    write("other/Kustomization", "resources:\n- e.yaml\n- ../base\n");
    for (const f of ["app/a.yaml", "app/c.yaml", "base/b.yaml", "comp/d.yaml", "real/e.yaml"]) write(f, "kind: X\n");
    fs.rmSync(path.join(root, "other/e.yaml"), { force: true });
    fs.mkdirSync(path.join(root, "real"), { recursive: true });
    fs.symlinkSync(path.join(root, "real/e.yaml"), path.join(root, "other/e.yaml"));
    const real = fs.realpathSync(root);
    const rel = (files: string[]) => files.map((f) => path.relative(real, f));
    expect(rel(planResourceFiles(path.join(root, "app"), false))).toEqual(["app/a.yaml", "base/b.yaml", "app/c.yaml", "other/e.yaml", "comp/d.yaml"]);
  });
});
