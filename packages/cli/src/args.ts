/** A tiny flag parser: `--flag value`, `--flag=value`, booleans, repeated flags, positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: { boolean?: string[]; value?: string[] }): ParsedArgs {
  const booleans = new Set(spec.boolean ?? []);
  const values = new Set(spec.value ?? []);
  const out: ParsedArgs = { positionals: [], flags: new Map() };
  const add = (k: string, v: string) => out.flags.set(k, [...(out.flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (booleans.has(name)) {
      add(name, eq >= 0 ? a.slice(eq + 1) : "true");
    } else if (values.has(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`flag needs an argument: ${name}`);
      add(name, v);
    } else {
      throw new UsageError(`unknown flag: ${name}`);
    }
  }
  return out;
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}
