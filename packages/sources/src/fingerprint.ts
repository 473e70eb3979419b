import { createHash } from "node:crypto";
import { join } from "node:path";
import type { SourcesFs } from "./types.js";

/**
 * A digest of a directory tree's shape: every entry's relative path and type, plus size, mtime and
 * mode of files and the target of symlinks. Two equal fingerprints mean (as for make or rsync) that
 * nothing was edited, so a cached copy can be reused without copying again. Reads no file content.
 * `exclude` is left out, as in copyTree.
 */
export async function fingerprintTree(fs: SourcesFs, root: string, exclude?: string): Promise<{ digest: string; entries: number }> {
  const lines: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = (await fs.readdir(dir)).sort();
    for (const name of names) {
      const p = join(dir, name);
      if (p === exclude) continue;
      const r = rel + name;
      const st = await fs.lstat(p);
      if (st.isSymbolicLink()) lines.push(`l ${r} ${await fs.readlink(p)}`);
      else if (st.isDirectory()) {
        lines.push(`d ${r}`);
        await walk(p, r + "/");
      } else lines.push(`${st.isFile() ? "f" : "o"} ${r} ${st.size} ${st.mtimeMs} ${st.mode}`);
    }
  };
  await walk(root, "");
  const hash = createHash("sha256");
  for (const l of lines) hash.update(JSON.stringify(l) + "\n");
  return { digest: hash.digest("hex"), entries: lines.length };
}
