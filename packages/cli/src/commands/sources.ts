import * as path from "node:path";
import { SourcesError, formatDecisionTable, resolveSources } from "@kfrender/sources";
import { UsageError, flag, parseArgs } from "../args.js";

export const SOURCES_USAGE = `Usage: kfrender sources KFDEF [--cache-dir DIR] [--refresh]

Resolves the KfDef's spec.repos into local directories, as the enterprise Kubeflow operator does,
and prints for each repo which source was used and why:
  rule 1  path has files            → copied into the cache, built-in manifests (uri) ignored
  rule 2  path empty or missing     → built-in manifests copied there for editing, and used
  rule 3  path unreadable or a copy into/out of it failed → built-in manifests, with a warning
  rule 4  no path                   → uri fetched into the cache (local dir, .tar.gz/.tgz, http(s))
A cache already complete for the same uri is reused without network.
  --cache-dir DIR  the cache (default: .cache beside KFDEF), one sub-directory per repo name
  --refresh        fetch and copy again even if the cache is complete
Exit status: 0 when every repo resolved, 1 when one could not, 2 for usage errors.`;

/** `kfrender sources KFDEF [--cache-dir D] [--refresh]`: prints the resolver's decision table. */
export async function runSources(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(SOURCES_USAGE + "\n");
    return 0;
  }
  let kfdef: string;
  let cacheDir: string | undefined;
  let refresh: boolean;
  try {
    const args = parseArgs(argv, { value: ["--cache-dir"], boolean: ["--refresh"] });
    if (args.positionals.length !== 1) throw new UsageError("specify one KfDef file");
    kfdef = path.resolve(args.positionals[0]!);
    cacheDir = flag(args, "--cache-dir");
    refresh = (flag(args, "--refresh") ?? "false") !== "false";
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`Error: ${e.message}\n\n${SOURCES_USAGE}\n`);
    return 2;
  }

  let result;
  try {
    result = await resolveSources(kfdef, { ...(cacheDir !== undefined ? { cacheDir: path.resolve(cacheDir) } : {}), refresh });
  } catch (e) {
    if (!(e instanceof SourcesError)) throw e;
    io.stderr(`Error: ${e.message}\n`);
    return 1;
  }
  io.stdout(formatDecisionTable(result.decisions));
  const failed = result.decisions.filter((d) => d.error !== undefined).length;
  if (failed) {
    io.stderr(`Error: ${failed} of ${result.decisions.length} repo(s) could not be resolved\n`);
    return 1;
  }
  return 0;
}
