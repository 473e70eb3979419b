import { type RenderDeps, runRender } from "../../../cli/src/commands/render.js";
export { runImages } from "../../../cli/src/commands/images.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command function with captured output, as the CLI dispatcher would. */
export async function capture(
  run: (argv: string[], io: Parameters<typeof runRender>[1], deps?: RenderDeps) => Promise<number>,
  argv: string[],
  opts: { env?: Record<string, string | undefined>; isTTY?: boolean; deps?: RenderDeps } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: opts.isTTY ?? false, env: opts.env ?? {} }, opts.deps);
  return { code, stdout, stderr };
}

export { runRender };
