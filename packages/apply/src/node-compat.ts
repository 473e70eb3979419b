import { createRequire } from "node:module";

/**
 * @kubernetes/client-node 2.x depends on undici 8, which needs Node >= 22.19; on Node 20 merely
 * loading it fails, because undici's module body reads `zlib.createZstdDecompress` and
 * `worker_threads.markAsUncloneable`. The applier never uses undici (it sends its requests with
 * node:https through the agent options that client-node builds), so where these two functions are
 * missing it gives them inert stand-ins before loading the client. On Node >= 22.19 it does nothing.
 */
export function prepareClientNodeForThisRuntime(): void {
  const require = createRequire(import.meta.url);
  const zlib = require("node:zlib") as Record<string, unknown>;
  if (typeof zlib.createZstdDecompress !== "function") {
    zlib.createZstdDecompress = () => {
      throw new Error("zstd content encoding needs Node.js >= 22.19");
    };
  }
  const workerThreads = require("node:worker_threads") as Record<string, unknown>;
  if (typeof workerThreads.markAsUncloneable !== "function") workerThreads.markAsUncloneable = () => {};
}
