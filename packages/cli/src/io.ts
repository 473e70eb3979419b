import type { Writable } from "node:stream";

/** Writes and resolves once the data is handed to the OS, so a large output survives a pipe. */
export function writeAll(stream: Writable, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (data.length === 0) return resolve();
    stream.write(data, (err) => (err ? reject(err) : resolve()));
  });
}

export interface CliIo {
  /** Bytes are written as they are: large renders skip a decode and re-encode. */
  stdout(s: string | Uint8Array): void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}
