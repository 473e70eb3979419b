// Spec §7.3 (not part of kfctl): every image reference of an application's output gets the airgap
// registry R in front. The mechanism is normative: the first build's output S goes through a
// wrapper kustomization whose `images:` maps each name N to R+N, built by the same engine, so the
// result is exactly what kustomize's images transformer does (its regex matching included).

import { parseAllDocuments } from "@kfrender/yaml";
import { byteCompare } from "./go-decode.js";
import { imageFields, imageName } from "./image-fields.js";
import type { WorkingCopy } from "./working-copy.js";

/** The distinct non-empty image names of the references in `output`, in byte order. */
export function imageNames(output: string): string[] {
  const names = new Set<string>();
  for (const doc of parseAllDocuments(output)) {
    for (const f of imageFields(doc)) {
      const n = imageName(f.ref);
      if (n !== "") names.add(n);
    }
  }
  return [...names].sort(byteCompare);
}

/** The wrapper kustomization of §7.3 (strings JSON-quoted). */
export function airgapKustomization(names: readonly string[], registry: string): string {
  const lines = ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization", "resources:", '- "first-build.yaml"', "images:"];
  for (const n of names) lines.push(`- name: ${JSON.stringify(n)}`, `  newName: ${JSON.stringify(registry + n)}`);
  return lines.join("\n") + "\n";
}

/** A directory next to compDir that does not exist yet: `<compDir>.airgap`, `.airgap2`, ... */
export function wrapperDir(fs: WorkingCopy, compDir: string): string {
  let dir = `${compDir}.airgap`;
  for (let i = 2; fs.exists(dir); i++) dir = `${compDir}.airgap${i}`;
  return dir;
}

/**
 * Rewrites S through the wrapper. Returns S itself when it holds no image name (no second build).
 * `build` builds a directory of the working copy exactly as §7.2 does.
 */
export function applyAirgapRegistry(
  fs: WorkingCopy,
  compDir: string,
  output: string,
  registry: string,
  build: (dir: string) => string,
): string {
  const names = imageNames(output);
  if (names.length === 0) return output;
  const dir = wrapperDir(fs, compDir);
  fs.writeFile(`${dir}/first-build.yaml`, output);
  fs.writeFile(`${dir}/kustomization.yaml`, airgapKustomization(names, registry));
  return build(dir);
}
