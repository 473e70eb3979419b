import * as fs from "node:fs";
import { UsageError } from "./args.js";

/** Writes `content` to `file` via a temporary sibling; refuses to replace a file whose content differs. */
export function writeNew(file: string, content: string): void {
  if (fs.existsSync(file)) {
    if (fs.readFileSync(file, "utf8") === content) return;
    throw new UsageError(`refusing to overwrite ${file}: it exists with different content (remove it first)`);
  }
  const tmp = `${file}.kfrender-${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
