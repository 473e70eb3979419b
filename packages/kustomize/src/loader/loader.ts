import type { FileSystem } from "../fs/file-system.js";

export type LoadRestrictor = "LoadRestrictionsRootOnly" | "LoadRestrictionsNone";

/**
 * Reads files on behalf of one kustomization root. Paths given to it are relative to `root`
 * (or absolute); with LoadRestrictionsRootOnly it refuses anything whose real path is outside root.
 */
export interface Loader {
  readonly fs: FileSystem;
  /** Absolute directory of the kustomization this loader serves. */
  readonly root: string;
  /** Environment for env-file keys given without a value (`KEY` alone in an env file). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Absolute path for `rel`, after the load-restrictor check; throws KustomizeError LOAD_RESTRICTION. */
  resolvePath(rel: string): string;
  readFile(rel: string): string;
  readFileBytes(rel: string): Uint8Array;
}
