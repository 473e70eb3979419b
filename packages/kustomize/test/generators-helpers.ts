import { MemoryFileSystem } from "../src/fs/memory-fs.js";
import { createLoader } from "../src/loader/file-loader.js";
import type { Loader } from "../src/loader/loader.js";

/** A loader rooted at /app over an in-memory tree (paths relative to /app unless absolute). */
export function memLoader(files: Record<string, string | Uint8Array> = {}): Loader {
  const abs: Record<string, string | Uint8Array> = { "/app/kustomization.yaml": "" };
  for (const [p, c] of Object.entries(files)) abs[p.startsWith("/") ? p : `/app/${p}`] = c;
  return createLoader(new MemoryFileSystem(abs), "/app");
}

/** Catches the error `fn` throws (fails the test if it does not throw). */
export function thrown(fn: () => unknown): Error & { code?: string; file?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected an error");
}
