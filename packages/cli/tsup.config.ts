import { defineConfig } from "tsup";

// One self-contained file for the rendering path keeps start-up cheap; the applier (and its
// Kubernetes client) is loaded with a dynamic import only by the `apply` verb.
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  clean: true,
  target: "node20",
  noExternal: ["@kfrender/yaml", "@kfrender/kustomize", "@kfrender/kfdef", "@kfrender/sources", "lodash-es", "json-merge-patch", "fast-json-patch", "minimatch"],
  // `yaml` (the fallback reader) is required on first use, from node_modules.
  external: ["@kfrender/apply", "@kubernetes/client-node", "tar", "yaml"],
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __kfCreateRequire } from 'module'; const require = __kfCreateRequire(import.meta.url);" },
});
