import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file (tests run from any working directory). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
/** shared/ sits beside the repository, in development and in CI. */
export const SHARED = path.resolve(REPO_ROOT, "../shared");
export const KFDEF_FIXTURES = path.join(REPO_ROOT, "fixtures", "kfdef");
