import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the sources, not the built bundles, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: {
    alias: {
      "@kfrender/yaml": src("yaml"),
      "@kfrender/kustomize": src("kustomize"),
      "@kfrender/kfdef": src("kfdef"),
      "@kfrender/sources": src("sources"),
      "@kfrender/apply": src("apply"),
    },
  },
  test: {
    // CI asks for a JSON report beside the normal output, to print its totals line.
    ...(process.env.KFRENDER_TEST_REPORT
      ? { reporters: ["default", "json"], outputFile: { json: process.env.KFRENDER_TEST_REPORT } }
      : {}),
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
