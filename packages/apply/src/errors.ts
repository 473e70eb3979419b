/**
 * A failure that stops the whole run (bad input, unreachable cluster, unusable kubeconfig). A
 * failure of one resource is not an error: it is a `failed` row in the report.
 */
export type ApplyErrorCode = "INVALID_INPUT" | "KUBECONFIG" | "UNREACHABLE" | "APPLYSET" | "SERVER";

export class ApplyError extends Error {
  override readonly name = "ApplyError";
  constructor(
    readonly code: ApplyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
