export { resolveSources } from "./resolve.js";
export { formatDecisionTable } from "./decision-table.js";
export { parseKfDefRepos } from "./kfdef-repos.js";
export { classifyUri, type UriSource } from "./uri.js";
export { extractTarball } from "./tar-extract.js";
export { httpDownload } from "./http-download.js";
export { nodeFs } from "./node-fs.js";
export { SourcesError, type SourcesErrorCode } from "./errors.js";
export type {
  Decision,
  DownloadLimits,
  Downloader,
  RepoSpec,
  ResolveOptions,
  ResolveResult,
  SourceKind,
  SourcesFs,
  StatLike,
} from "./types.js";
