import * as fsp from "node:fs/promises";
import { constants } from "node:fs";
import type { SourcesFs } from "./types.js";

/** The real disk. */
export const nodeFs: SourcesFs = {
  stat: (p) => fsp.stat(p),
  lstat: (p) => fsp.lstat(p),
  readdir: (p) => fsp.readdir(p),
  mkdir: async (p, opts) => {
    await fsp.mkdir(p, { recursive: opts?.recursive ?? false });
  },
  copyFile: (src, dest) => fsp.copyFile(src, dest, constants.COPYFILE_EXCL),
  readlink: (p) => fsp.readlink(p),
  realpath: (p) => fsp.realpath(p),
  symlink: (target, p) => fsp.symlink(target, p),
  rename: (from, to) => fsp.rename(from, to),
  rmrf: (p) => fsp.rm(p, { recursive: true, force: true }),
  readFile: (p) => fsp.readFile(p, "utf8"),
  writeFile: (p, data) => fsp.writeFile(p, data),
};
