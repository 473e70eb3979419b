import { setFlagsFromString } from "node:v8";
import { KustomizeError } from "@kfrender/kustomize";
import { UsageError } from "./args.js";
import { BUILD_USAGE, runBuild } from "./commands/build.js";
import { type CliIo, readStdin, writeAll } from "./io.js";

const USAGE = `Usage: kfrender <command> [options]

Commands:
  build DIR      render a kustomization exactly as \`kubectl kustomize\`
  render PATH    render a KfDef (or a kustomization yielding one) into its full resource set
  images PATH    list the images a render would use
  sources KFDEF  resolve a KfDef's manifest repositories and show where each came from
  apply          server-side apply rendered resources in a safe order

Run \`kfrender <command> --help\` for a command's options.
`;

// One process renders once and keeps most of what it allocates (the parsed tree), so V8's young
// generation growing from 1 to 16 MiB buys few collections and costs fresh pages, which these VMs
// fault in slowly: a build of example-offline touches ~20 % fewer pages with it held at its first
// size (benchmarks/README.md). The library itself sets no engine flags.
setFlagsFromString("--semi-space-growth-factor=1");

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  build: async () => runBuild,
  render: async () => (await import("./commands/render.js")).runRender,
  images: async () => (await import("./commands/images.js")).runImages,
  sources: async () => (await import("./commands/sources.js")).runSources,
  // The applier and its Kubernetes client load only for this verb.
  apply: async () => (await import("./commands/apply.js")).runApply,
};

async function main(argv: string[]): Promise<number> {
  const out: (string | Uint8Array)[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    // stderr goes straight through, so progress lines show as they happen.
    stderr: (s) => process.stderr.write(s),
    stdin: readStdin,
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
  const [verb, ...rest] = argv;
  let code: number;
  try {
    if (!verb || verb === "--help" || verb === "-h" || verb === "help") {
      out.push(USAGE);
      code = verb ? 0 : 2;
    } else if (verb === "build" && (rest.includes("--help") || rest.includes("-h"))) {
      out.push(BUILD_USAGE + "\n");
      code = 0;
    } else {
      const load = commands[verb];
      if (!load) throw new UsageError(`unknown command "${verb}"\n\n${USAGE}`);
      code = await (await load())(rest, io);
    }
  } catch (e) {
    // Nothing partial reaches stdout when a command fails.
    out.length = 0;
    err.push(`Error: ${describe(e)}\n`);
    code = e instanceof UsageError ? 2 : 1;
  }
  await writeAll(process.stderr, err.join(""));
  for (const chunk of out) await writeAll(process.stdout, chunk);
  return code;
}

function describe(e: unknown): string {
  if (e instanceof KustomizeError || e instanceof UsageError) return e.message;
  if (e instanceof Error && (e as { code?: string }).code && e.message) return e.message;
  // An unexpected failure is still reported without a stack trace; set KFRENDER_DEBUG for one.
  if (process.env.KFRENDER_DEBUG && e instanceof Error) return e.stack ?? e.message;
  return e instanceof Error ? `internal error: ${e.message}` : String(e);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Error: ${describe(e)}\n`);
    process.exitCode = 1;
  },
);
