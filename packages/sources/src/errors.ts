export type SourcesErrorCode =
  | "KFDEF_READ"
  | "KFDEF_INVALID"
  | "BAD_REPO"
  | "BAD_URI"
  | "URI_NOT_FOUND"
  | "UNSAFE_ARCHIVE"
  | "BAD_ARCHIVE"
  | "DOWNLOAD"
  | "LOCKED";

/** A failure the user can act on: a stable code for programs, a message for people. */
export class SourcesError extends Error {
  override readonly name = "SourcesError";
  constructor(
    readonly code: SourcesErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** The message of anything thrown, without a stack (node errors already name the path). */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function errnoCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string"
    ? (e as { code: string }).code
    : undefined;
}
