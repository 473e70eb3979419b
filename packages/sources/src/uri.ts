import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SourcesError } from "./errors.js";

/** The three kinds of built-in manifest source a repo `uri` may name. */
export type UriSource =
  | { kind: "dir"; path: string }
  | { kind: "tarball"; path: string }
  | { kind: "http"; url: string };

const TARBALL = /\.(tar\.gz|tgz)$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Classifies a repo `uri`: a local directory (relative paths are relative to `baseDir`, the KfDef's
 * directory), a `.tar.gz`/`.tgz` file (plain path or `file://`), or an `http(s)://` archive.
 */
export function classifyUri(uri: string, baseDir: string): UriSource {
  const u = uri.trim();
  if (u === "") throw new SourcesError("BAD_URI", "no uri: the repo has neither a usable local path nor built-in manifests");
  const scheme = SCHEME.exec(u)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new SourcesError("BAD_URI", `uri ${uri}: not a valid URL`);
    }
    if (!parsed.hostname) throw new SourcesError("BAD_URI", `uri ${uri}: no host`);
    return { kind: "http", url: parsed.href };
  }
  if (scheme === "file") {
    let path: string;
    try {
      path = fileURLToPath(u);
    } catch (e) {
      throw new SourcesError("BAD_URI", `uri ${uri}: not a valid file URL (${(e as Error).message})`);
    }
    return TARBALL.test(path) ? { kind: "tarball", path } : { kind: "dir", path };
  }
  if (/^[\w.-]+@[\w.-]+:/.test(u)) {
    throw new SourcesError("BAD_URI", `uri ${uri}: git remotes are not supported (use an http(s):// archive of the repository)`);
  }
  // A one-letter "scheme" is a Windows drive, which kfctl's Linux operator never saw either.
  if (scheme !== undefined && scheme.length > 1) {
    throw new SourcesError(
      "BAD_URI",
      `uri ${uri}: unsupported scheme "${scheme}:" (use a local directory, file:///….tar.gz or .tgz, or an http(s):// archive)`,
    );
  }
  const path = isAbsolute(u) ? u : resolve(baseDir, u);
  return TARBALL.test(path) ? { kind: "tarball", path } : { kind: "dir", path };
}

/** How a uri is shown in messages: URLs as given, paths resolved. */
export function describeUri(src: UriSource): string {
  return src.kind === "http" ? src.url : src.path;
}
