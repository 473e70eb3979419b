import { join } from "node:path";
import { eachLimit } from "./pool.js";
import type { SourcesFs } from "./types.js";

const PARALLEL = 16;

/**
 * Copies the directory `src` to `dest`, which must not exist yet. Files keep their content and
 * mode, symlinks are copied as links (not followed); sockets, FIFOs and devices are left out and
 * returned so the caller can say so. Fails on the first error, leaving `dest` partial: callers
 * always copy into a temporary sibling and rename it into place only after success.
 * `exclude` (an absolute path) is left out: the cache itself when it lies inside the source.
 */
export async function copyTree(fs: SourcesFs, src: string, dest: string, exclude?: string): Promise<string[]> {
  const skipped: string[] = [];
  const files: Array<[string, string]> = [];
  // Directories and links first (cheap, ordered), then file contents with bounded parallelism.
  const walk = async (from: string, to: string, rel: string): Promise<void> => {
    await fs.mkdir(to);
    for (const name of (await fs.readdir(from)).sort()) {
      const s = join(from, name);
      if (s === exclude) continue;
      const d = join(to, name);
      const st = await fs.lstat(s);
      if (st.isSymbolicLink()) await fs.symlink(await fs.readlink(s), d);
      else if (st.isDirectory()) await walk(s, d, rel + name + "/");
      else if (st.isFile()) files.push([s, d]);
      else skipped.push(rel + name);
    }
  };
  await walk(src, dest, "");
  await eachLimit(files, PARALLEL, ([s, d]) => fs.copyFile(s, d));
  return skipped;
}
