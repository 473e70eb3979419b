import * as fs from "node:fs";
import * as path from "node:path";
import { build, type LoadRestrictor, type Resource } from "@kfrender/kustomize";
import { stringifyAll, stringifyAllChunks, stringifyResource } from "@kfrender/yaml";
import { type ParsedArgs, UsageError, flag, parseArgs } from "../args.js";
import type { CliIo } from "../io.js";
import { NodeFileSystem } from "../node-fs.js";
import { writeNew } from "../write-new.js";

export const BUILD_USAGE = `Usage: kfrender build [--load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone] [-o PATH] DIR

Prints the kustomization in DIR exactly as \`kubectl kustomize\` does.
  --check FILE  compare the output with FILE: print a unified diff and exit 1 when they differ
  --update      with --check: rewrite FILE with the output instead
  -o PATH   a directory: one file per resource, named as kustomize names them; otherwise a file
            for the whole output. Existing files are never overwritten with different content.`;

export function parseBuildArgs(argv: string[]): { args: ParsedArgs; dir: string; restrictor: LoadRestrictor } {
  const args = parseArgs(argv, { value: ["--load-restrictor", "-o", "--output", "--check"], boolean: ["--enable-alpha-plugins", "--update"] });
  if (args.positionals.length > 1) throw new UsageError("specify one path to a kustomization directory");
  const restrictor = (flag(args, "--load-restrictor") ?? "LoadRestrictionsRootOnly") as LoadRestrictor;
  if (restrictor !== "LoadRestrictionsRootOnly" && restrictor !== "LoadRestrictionsNone") {
    throw new UsageError(`illegal flag value --load-restrictor ${restrictor}; legal values: LoadRestrictionsRootOnly, LoadRestrictionsNone`);
  }
  return { args, dir: path.resolve(args.positionals[0] ?? "."), restrictor };
}

export async function runBuild(argv: string[], io: CliIo): Promise<number> {
  const { args, dir, restrictor } = parseBuildArgs(argv);
  const { resources, warnings } = build(dir, { fs: new NodeFileSystem(), loadRestrictor: restrictor });
  for (const w of warnings) io.stderr(w + "\n");
  const check = flag(args, "--check");
  if (check !== undefined) {
    // Golden-file mode for users' CI: diff against FILE (or rewrite it with --update).
    const { applyGolden } = await import("./render.js");
    return applyGolden(stringifyAll(resources.map((r) => r.obj)), check, flag(args, "--update") === "true", io);
  }
  const out = flag(args, "-o") ?? flag(args, "--output");
  if (out === undefined) {
    for (const chunk of stringifyAllChunks(resources.map((r) => r.obj))) io.stdout(chunk);
    return 0;
  }
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) {
    writeIndividualFiles(out, resources);
  } else {
    writeNew(out, stringifyAll(resources.map((r) => r.obj)));
  }
  return 0;
}

/** kustomize's per-resource file names: `[ns_]group_version_kind_name.yaml`, lower case. */
export function resourceFileName(r: Resource, namespacePrefix: boolean): string {
  const id = r.id();
  const gvk = [id.group, id.version, id.kind].filter(Boolean).join("_");
  const base = `${gvk}_${id.name}`.toLowerCase() + ".yaml";
  return namespacePrefix && id.namespace ? `${id.namespace.toLowerCase()}_${base}` : base;
}

function writeIndividualFiles(dir: string, resources: Resource[]): void {
  const namespaces = new Set(resources.filter((r) => r.namespace).map((r) => r.namespace));
  for (const r of resources) writeNew(path.join(dir, resourceFileName(r, namespaces.size > 1)), stringifyResource(r.obj));
}
