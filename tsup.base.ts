import { defineConfig } from "tsup";

// The build every library package shares (each package's tsup.config.ts re-exports it; paths are
// relative to the package, where `pnpm -r run build` runs tsup): one ESM bundle of src/index.ts
// with its types, for Node 20. `paths: {}` makes the types import sibling packages by name
// instead of inlining their sources.
export const libraryConfig = defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: { compilerOptions: { paths: {} } },
  clean: true,
  target: "node20",
});
