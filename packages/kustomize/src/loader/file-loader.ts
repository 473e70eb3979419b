import { posix } from "node:path";
import { KustomizeError } from "../errors.js";
import type { FileSystem } from "../fs/file-system.js";
import type { LoadRestrictor, Loader } from "./loader.js";

/** `resources`/`bases` entries kustomize would fetch over the network. */
export function isRemoteReference(path: string): boolean {
  return /^(https?|git|ssh|file):\/\//.test(path) || /^git@/.test(path) || /^github\.com\//.test(path);
}

/** kustomize's ConfirmedDir.HasPrefix: `dir` is `root` or below it. */
export function isWithin(dir: string, root: string): boolean {
  return root === "/" || dir === root || dir.startsWith(root + "/");
}

function readError(err: unknown, path: string): KustomizeError {
  const code = (err as { code?: string }).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new KustomizeError("FILE_NOT_FOUND", `open ${path}: no such file or directory`, path);
  }
  if (code === "EISDIR") return new KustomizeError("FILE_NOT_FOUND", `read ${path}: is a directory`, path);
  return new KustomizeError("FILE_NOT_FOUND", `read ${path}: ${(err as Error).message}`, path);
}

export interface FileLoaderOptions {
  fs: FileSystem;
  restrictor: LoadRestrictor;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * A loader rooted at one kustomization directory. `parent` links the chain of loaders that led
 * here, which is how kustomize detects cycles between kustomizations.
 */
export class FileLoader implements Loader {
  readonly fs: FileSystem;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** De-linked paths, shared by every loader of one build (the tree does not change under it). */
  private readonly realPaths: Map<string, string>;

  private constructor(
    readonly root: string,
    private readonly options: FileLoaderOptions,
    private readonly parent?: FileLoader,
  ) {
    this.fs = options.fs;
    this.env = options.env;
    this.realPaths = parent?.realPaths ?? new Map();
  }

  /** The loader for the directory being built; `dir` must be an existing directory. */
  static forRoot(dir: string, options: FileLoaderOptions): FileLoader {
    return new FileLoader(confirmDir(options.fs, posix.resolve("/", dir)), options);
  }

  /** A loader for a base, component or resource directory referenced from this root. */
  child(path: string): FileLoader {
    if (isRemoteReference(path)) {
      throw new KustomizeError(
        "REMOTE_UNSUPPORTED",
        `remote resources are not supported: '${path}' (kfrender reads only local files; vendor the remote base into the tree)`,
        this.root,
      );
    }
    const dir = confirmDir(this.fs, posix.resolve(this.root, path));
    for (let l: FileLoader | undefined = this; l; l = l.parent) {
      if (isWithin(l.root, dir)) {
        throw new KustomizeError(
          "CYCLE",
          `cycle detected: candidate root '${dir}' contains visited root '${l.root}'`,
          dir,
        );
      }
    }
    return new FileLoader(dir, this.options, this);
  }

  resolvePath(rel: string): string {
    const abs = posix.resolve(this.root, rel);
    if (this.options.restrictor === "LoadRestrictionsNone") return abs;
    // As kustomize's RestrictionRootOnly: the whole path is de-linked, the file name included, so
    // a symlink inside the root that points outside it is refused.
    let real: string;
    try {
      real = this.realPath(abs);
      if (this.fs.isDirectory(real)) {
        throw new KustomizeError("LOAD_RESTRICTION", `'${abs}' must resolve to a file`, abs);
      }
    } catch (e) {
      if (e instanceof KustomizeError) throw e;
      throw readError(e, abs);
    }
    if (!isWithin(posix.dirname(real), this.root)) {
      throw new KustomizeError(
        "LOAD_RESTRICTION",
        `security; file '${abs}' is not in or below '${this.root}'`,
        abs,
      );
    }
    return real;
  }

  private realPath(path: string): string {
    let real = this.realPaths.get(path);
    if (real === undefined) {
      real = this.fs.realPath(path);
      this.realPaths.set(path, real);
    }
    return real;
  }

  readFile(rel: string): string {
    return this.read(rel, (path) => this.fs.readFile(path));
  }

  readFileBytes(rel: string): Uint8Array {
    return this.read(rel, (path) => this.fs.readFileBytes(path));
  }

  /**
   * Reads as `resolvePath` + read, with the directory check left out of the common case: only a
   * read that fails (or a path outside the root) goes through `resolvePath`, for its errors.
   */
  private read<T>(rel: string, readPath: (path: string) => T): T {
    let path: string | undefined;
    if (this.options.restrictor === "LoadRestrictionsNone") path = posix.resolve(this.root, rel);
    else {
      try {
        const real = this.realPath(posix.resolve(this.root, rel));
        if (isWithin(posix.dirname(real), this.root)) path = real;
      } catch {
        path = undefined;
      }
    }
    if (path === undefined) path = this.resolvePath(rel);
    try {
      return readPath(path);
    } catch (e) {
      // A directory gets resolvePath's own message.
      if (this.options.restrictor !== "LoadRestrictionsNone") this.resolvePath(rel);
      throw readError(e, path);
    }
  }
}

function confirmDir(fs: FileSystem, path: string): string {
  let real: string;
  try {
    real = fs.realPath(path);
  } catch {
    throw new KustomizeError(
      "FILE_NOT_FOUND",
      `must build at directory: not a valid directory: '${path}' does not exist`,
      path,
    );
  }
  if (!fs.isDirectory(real)) {
    throw new KustomizeError("FILE_NOT_FOUND", `must build at directory: '${path}' is a file`, path);
  }
  return real;
}

/** Convenience for tests and callers that need one loader: `createLoader(fs, "/dir")`. */
export function createLoader(
  fs: FileSystem,
  root: string,
  options: { restrictor?: LoadRestrictor; env?: Record<string, string | undefined> } = {},
): FileLoader {
  return FileLoader.forRoot(root, {
    fs,
    restrictor: options.restrictor ?? "LoadRestrictionsRootOnly",
    env: options.env ?? {},
  });
}
