/** One `spec.repos[]` entry of a KfDef, as far as the resolver needs it. */
export interface RepoSpec {
  name: string;
  /** The built-in manifests: a local directory, a `file://` tarball or an `http(s)://` archive. */
  uri: string;
  /** The user's editable copy (in the enterprise operator a mounted volume); "" or absent = not set. */
  path?: string;
}

/**
 * Where a repo's manifests came from:
 * - `local`: the user's directory at `path` (rule 1);
 * - `built-in`: the built-in manifests, fetched from `uri` during this run;
 * - `cache`: the built-in manifests, reused from a complete cache of the same `uri` (no fetch);
 * - `override`: a directory the caller named (`--repo NAME=DIR`), not resolved at all;
 * - `none`: nothing usable (see `error`).
 */
export type SourceKind = "local" | "built-in" | "cache" | "override" | "none";

export interface Decision {
  repo: string;
  /** The operator rule applied (1–4); absent for overrides. */
  rule?: 1 | 2 | 3 | 4;
  source: SourceKind;
  /** The directory to render; absent when the repo could not be resolved. */
  dir?: string;
  uri: string;
  path?: string;
  /** Why this source, in one sentence. */
  reason: string;
  /** Things the user should know that did not stop the render (rule 3's fallbacks, ignored entries). */
  warnings: string[];
  /** Why nothing could be used for this repo. */
  error?: string;
}

export interface ResolveResult {
  /** Repo name → directory to render, for every repo that resolved. */
  repos: Record<string, string>;
  /** One per distinct repo name, in KfDef order. */
  decisions: Decision[];
}

/** The subset of a `fs.Stats` the resolver looks at. */
export interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  size: number;
  mtimeMs: number;
  mode: number;
}

/**
 * Every disk access of the resolver except the tar extraction and the download stream goes through
 * this, so tests can inject faults (EACCES, a copy failing half way, a crash) at any step.
 * Errors are node-style: an `Error` with a `code` such as `ENOENT`.
 */
export interface SourcesFs {
  stat(path: string): Promise<StatLike>;
  lstat(path: string): Promise<StatLike>;
  /** Entry names of a directory, in no particular order. */
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, opts?: { recursive?: boolean }): Promise<void>;
  /** Copies one regular file (content and mode); fails if `dest` exists. */
  copyFile(src: string, dest: string): Promise<void>;
  readlink(path: string): Promise<string>;
  /** The path with every symlink resolved. */
  realpath(path: string): Promise<string>;
  symlink(target: string, path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Recursive, and silent if the path does not exist. */
  rmrf(path: string): Promise<void>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
}

export interface DownloadLimits {
  /** Whole transfer, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

/** Fetches `url` (http or https) into the file `dest`, following at most `maxRedirects` redirects. */
export type Downloader = (url: string, dest: string, limits: DownloadLimits) => Promise<{ bytes: number; finalUrl: string }>;

export interface ResolveOptions {
  /** Default: `.cache` beside the KfDef file (or in `baseDir`); a relative path is relative to the
   * current directory. One sub-directory per repo name, as kfctl has it. */
  cacheDir?: string;
  /** Fetch/copy again even when the cache is complete for the same source. */
  refresh?: boolean;
  /** Repo name → directory used as is (the CLI's `--repo NAME=DIR`). */
  overrides?: Record<string, string>;
  fs?: SourcesFs;
  download?: Downloader;
  /** Download limits; defaults 120 s, 512 MiB, 5 redirects. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** How long to wait for another process working on the same cache entry (default 10 min). */
  lockTimeoutMs?: number;
  /** A lock older than this whose owner cannot be checked is taken over (default 30 min). */
  lockStaleMs?: number;
}
