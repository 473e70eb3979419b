// Go's `path` package semantics, which kfctl's path rewriting depends on (Node's posix.join keeps
// a trailing slash and turns "" into ".", Go's path.Join does neither).

/** Go path.Clean. */
export function goClean(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(seg);
  }
  const body = out.join("/");
  if (rooted) return "/" + body;
  return body === "" ? "." : body;
}

/** Go path.Join: the non-empty elements joined by "/" and cleaned; "" when all are empty. */
export function goJoin(...elems: string[]): string {
  const parts = elems.filter((e) => e !== "");
  return parts.length === 0 ? "" : goClean(parts.join("/"));
}

/**
 * kfctl's extractSuffix: removes the string prefix `dir` from `p` when present, then drops the
 * first character (so a path outside `dir` comes out as a broken relative path). Undefined when
 * nothing would be left (kfctl panicked or produced an empty path).
 */
export function extractSuffix(dir: string, p: string): string | undefined {
  const rest = p.startsWith(dir) ? p.slice(dir.length) : p;
  return rest.length <= 1 ? undefined : rest.slice(1);
}
