import { lstat, mkdir, readdir, readlink, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { SourcesError, describeError, errnoCode } from "./errors.js";
import { resolveWithin } from "./link-resolve.js";

/**
 * Tarballs are read with node-tar (isaacs/node-tar, the npm CLI's own tar), gzip detected by
 * content. node-tar already drops `..` paths and strips leading `/`, but only with a warning and
 * entry by entry; a manifest archive with any such entry is not one to render half of, so the whole
 * archive is checked first and refused if any entry would land outside the target, and the links
 * on disk are checked again after extraction.
 * node-tar is loaded on first use, so that rendering from directories never loads it.
 */
const loadTar = () => import("tar");

interface Entry {
  raw: string;
  type: string;
  linkpath?: string;
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);
const DIR_TYPES = new Set(["Directory", "GNUDumpDir"]);

/**
 * Extracts `file` into `dest` (which must not exist), stripping a single top-level directory.
 * `label` names the archive in messages (the URL it was downloaded from, say).
 */
export async function extractTarball(file: string, dest: string, label = file): Promise<void> {
  const entries = await listEntries(file, label);
  const { top } = await checkEntries(entries, label);
  const staging = `${dest}-x`;
  try {
    await mkdir(staging);
    const tar = await loadTar();
    await tar.x({ file, cwd: staging, strict: true, preserveOwner: false }).catch((e: unknown) => {
      // node-tar's own guard (e.g. a link whose target is itself a link) is a refusal, not corruption.
      if (errnoCode(e) === "TAR_SYMLINK_ERROR") unsafe(label, `node-tar: ${describeError(e)}`);
      throw new SourcesError("BAD_ARCHIVE", `${label}: corrupt archive (${describeError(e)})`, label);
    });
    const root = top === undefined ? staging : join(staging, top);
    await verifyLinks(root, label);
    await rename(root, dest);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function listEntries(file: string, label: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const tar = await loadTar();
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (e) => {
        entries.push({ raw: e.path, type: e.type, ...(e.linkpath ? { linkpath: e.linkpath } : {}) });
      },
    });
  } catch (e) {
    throw new SourcesError("BAD_ARCHIVE", `${label}: corrupt archive (${describeError(e)})`, label);
  }
  if (entries.length === 0) throw new SourcesError("BAD_ARCHIVE", `${label}: the archive is empty`, label);
  return entries;
}

/** Path components of an entry, refusing anything that is not a plain relative path. */
function parts(raw: string, file: string, what = "entry"): string[] {
  if (raw.startsWith("/") || /^[a-zA-Z]:/.test(raw)) unsafe(file, `${what} ${raw} has an absolute path`);
  const p = raw.split("/").filter((c) => c !== "" && c !== ".");
  if (p.includes("..")) unsafe(file, `${what} ${raw} would land outside the target (contains "..")`);
  return p;
}

function unsafe(file: string, why: string): never {
  throw new SourcesError("UNSAFE_ARCHIVE", `${file}: refused: ${why}`, file);
}

/**
 * Decides whether a single top-level directory is stripped (as GitHub archives unpack) and checks
 * every entry in the coordinates of the final tree: paths, hard-link targets and where symlinks
 * lead, following other links of the archive the way the kernel would.
 */
export async function checkEntries(entries: Entry[], file: string): Promise<{ top: string | undefined }> {
  const split = entries.map((e) => ({ e, p: parts(e.raw, file) }));
  for (const { e, p } of split) {
    if (!FILE_TYPES.has(e.type) && !DIR_TYPES.has(e.type) && e.type !== "SymbolicLink" && e.type !== "Link") {
      unsafe(file, `entry ${e.raw} has unsupported type ${e.type}`);
    }
    if (p.length === 0 && !DIR_TYPES.has(e.type)) unsafe(file, `entry ${e.raw} would replace the target directory`);
  }
  const named = split.filter((s) => s.p.length > 0);
  const first = named[0]?.p[0];
  const single =
    first !== undefined &&
    named.every((s) => s.p[0] === first && (s.p.length > 1 || DIR_TYPES.has(s.e.type)));
  const top = single ? first : undefined;
  const final = (p: string[]) => (top === undefined ? p : p.slice(1));

  const links = new Map<string, string>();
  for (const { e, p } of named) if (e.type === "SymbolicLink") links.set(final(p).join("/"), e.linkpath ?? "");
  const throughLink = (p: string[]) => {
    for (let i = 1; i < p.length; i++) if (links.has(p.slice(0, i).join("/"))) return p.slice(0, i).join("/");
    return undefined;
  };
  for (const { e, p } of named) {
    const f = final(p);
    const via = throughLink(f);
    if (via !== undefined) unsafe(file, `entry ${e.raw} would be written through the symlink ${via}`);
    if (e.type === "Link") {
      const lp = parts(e.linkpath ?? "", file, `hard link ${e.raw} →`);
      if (top !== undefined && lp[0] !== top) unsafe(file, `hard link ${e.raw} → ${e.linkpath} points outside the target`);
      const target = final(lp);
      if (target.length === 0 || throughLink(target) !== undefined || links.has(target.join("/"))) {
        unsafe(file, `hard link ${e.raw} → ${e.linkpath} points outside the target or through a symlink`);
      }
    }
  }
  for (const [at, target] of links) {
    if ((await resolveWithin(at.split("/").slice(0, -1), target, (r) => links.get(r))) === null) {
      unsafe(file, `symlink ${at} → ${target} leads outside the target`);
    }
  }
  return { top };
}

/** After extraction: every symlink on disk must still resolve inside `root`. */
async function verifyLinks(root: string, file: string): Promise<void> {
  const linkAt = async (rel: string): Promise<string | undefined> => {
    try {
      const st = await lstat(join(root, rel));
      return st.isSymbolicLink() ? await readlink(join(root, rel)) : undefined;
    } catch {
      return undefined; // dangling is fine; it cannot lead anywhere by itself
    }
  };
  const walk = async (rel: string[]): Promise<void> => {
    for (const d of await readdir(join(root, ...rel), { withFileTypes: true })) {
      const here = [...rel, d.name];
      if (d.isSymbolicLink()) {
        const target = await readlink(join(root, ...here));
        if ((await resolveWithin(rel, target, linkAt)) === null) {
          unsafe(file, `symlink ${here.join("/")} → ${target} leads outside the target`);
        }
      } else if (d.isDirectory()) await walk(here);
    }
  };
  await walk([]);
}
