import { posix } from "node:path";

/**
 * Go's path.Join, which kustomize uses to extend an origin path: empty elements are skipped and
 * the result is cleaned (no `.` segments, no trailing slash), so `../base/` under the root is
 * `../base`, and the root itself is "".
 */
export function joinOriginPath(dir: string, entry: string): string {
  const joined = dir === "" ? entry : entry === "" ? dir : `${dir}/${entry}`;
  if (joined === "") return "";
  const clean = posix.normalize(joined);
  return clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
}
