/**
 * Every failure the engine reports is a KustomizeError: a stable code for programs, a message for
 * people, and the file (and line, where known) that caused it. The CLI prints `message` only.
 */
export type KustomizeErrorCode =
  | "FILE_NOT_FOUND"
  | "YAML_SYNTAX"
  | "NO_KUSTOMIZATION"
  | "MULTIPLE_KUSTOMIZATIONS"
  | "INVALID_KUSTOMIZATION"
  | "LOAD_RESTRICTION"
  | "CYCLE"
  | "REMOTE_UNSUPPORTED"
  | "ID_CONFLICT"
  | "INVALID_RESOURCE"
  | "GENERATOR"
  | "PATCH"
  | "TRANSFORMER"
  | "VAR"
  | "REPLACEMENT"
  | "UNSUPPORTED";

export class KustomizeError extends Error {
  override readonly name = "KustomizeError";
  constructor(
    readonly code: KustomizeErrorCode,
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
