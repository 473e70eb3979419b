import { createWriteStream } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SourcesError, describeError } from "./errors.js";
import type { DownloadLimits, Downloader } from "./types.js";

/**
 * The default downloader: node:http/https with one deadline for the whole transfer (redirects
 * included), a byte limit checked against Content-Length up front and against the stream as it
 * arrives, and redirects followed by hand so that their number and schemes stay bounded.
 */
export const httpDownload: Downloader = async (url, dest, limits) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const res = await get(current, controller.signal, limits);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= limits.maxRedirects) fail(url, `more than ${limits.maxRedirects} redirects`);
        const next = new URL(res.headers.location, current);
        if (next.protocol !== "http:" && next.protocol !== "https:") fail(url, `redirect to unsupported ${next.protocol} URL`);
        current = next.href;
        continue;
      }
      if (status !== 200) {
        res.resume();
        fail(url, `HTTP ${status}${res.statusMessage ? " " + res.statusMessage : ""}${current !== url ? ` from ${current}` : ""}`);
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        res.destroy();
        fail(url, `the archive is ${declared} bytes, over the limit of ${limits.maxBytes}`);
      }
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          if (bytes > limits.maxBytes) cb(new SourcesError("DOWNLOAD", `${url}: the archive is over the limit of ${limits.maxBytes} bytes`));
          else cb(null, chunk);
        },
      });
      try {
        await pipeline(res, counter, createWriteStream(dest, { flags: "wx" }), { signal: controller.signal });
      } catch (e) {
        throw translate(e, url, controller.signal, limits);
      }
      return { bytes, finalUrl: current };
    }
  } finally {
    clearTimeout(timer);
  }
};

function get(url: string, signal: AbortSignal, limits: DownloadLimits): Promise<http.IncomingMessage> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { signal, headers: { "user-agent": "kfrender", accept: "*/*" } }, resolve);
    req.on("error", (e) => reject(translate(e, url, signal, limits)));
  });
}

function translate(e: unknown, url: string, signal: AbortSignal, limits: DownloadLimits): Error {
  if (e instanceof SourcesError) return e;
  if (signal.aborted) return new SourcesError("DOWNLOAD", `${url}: timed out after ${limits.timeoutMs} ms`);
  return new SourcesError("DOWNLOAD", `${url}: ${describeError(e)}`);
}

function fail(url: string, why: string): never {
  throw new SourcesError("DOWNLOAD", `${url}: ${why}`);
}
