/**
 * The only way the engine reads anything. Paths are absolute and use `/`. Implementations:
 * `MemoryFileSystem` (tests, copy-on-write views) and the Node adapter in the CLI.
 */
export interface FileSystem {
  /** File contents as UTF-8 text; throws if missing or a directory. */
  readFile(path: string): string;
  /** Raw bytes (secret generators keep binary files exact). */
  readFileBytes(path: string): Uint8Array;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entry names (not paths) of a directory, sorted. */
  readDir(path: string): string[];
  /** The path with every symlink resolved (the load restrictor checks this). */
  realPath(path: string): string;
}
