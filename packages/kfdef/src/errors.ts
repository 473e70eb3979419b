/**
 * Every failure of KfDef rendering is a KfDefError: a stable code for programs, a message for
 * people that names the application (when there is one) and the file involved.
 */
export type KfDefErrorCode =
  /** The KfDef text is not YAML, not a mapping, or a field has the wrong type. */
  | "KFDEF_INVALID"
  /** apiVersion other than kfdef.apps.kubeflow.org/v1 or /v1beta1: nothing is rendered. */
  | "KFDEF_API_VERSION"
  /** A v1 application without a name: nothing is rendered. */
  | "APP_NO_NAME"
  /** No `manifests` repository: every application fails. */
  | "REPO_MANIFESTS_MISSING"
  | "APP_NO_KUSTOMIZE_CONFIG"
  /** The application's repoRef names a repository without a directory. */
  | "APP_REPO_MISSING"
  /** repoRef.path does not exist (or is not a directory) in the repository. */
  | "APP_PATH_MISSING"
  | "OVERLAY_MISSING"
  /** A kustomization kfctl had to read could not be read through kustomize v3's schema. */
  | "KUSTOMIZATION_UNPARSABLE"
  /** A path rewrite that kfctl could not compute (it panicked). */
  | "PATH_REWRITE"
  /** §5 step 4: the base file named by the first patchesStrategicMerge entry is unusable. */
  | "PATCH_BASE"
  /** kustomize build of the generated kustomization failed. */
  | "BUILD"
  /** The airgap wrapper build failed. */
  | "AIRGAP"
  | "INPUT";

export class KfDefError extends Error {
  override readonly name = "KfDefError";
  constructor(
    readonly code: KfDefErrorCode,
    message: string,
    readonly app?: string,
    readonly file?: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
