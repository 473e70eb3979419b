import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { httpDownload, resolveSources } from "@kfrender/sources";
import { type TestServer, githubArchive, readTree, startServer, tempDir } from "./helpers.js";

const FILES = { "kustomization.yaml": "resources: [a.yaml]\n", "a.yaml": "kind: ConfigMap\n" };
const ARCHIVE = githubArchive("manifests-1.2.0", FILES);

let base: string;
let server: TestServer;
let stalled: Array<() => void>;

beforeEach(async () => {
  base = await tempDir();
  stalled = [];
  server = await startServer((req, res) => {
    const url = req.url ?? "";
    if (url === "/m.tar.gz") {
      res.writeHead(200, { "content-type": "application/gzip", "content-length": ARCHIVE.length });
      res.end(ARCHIVE);
    } else if (url === "/redirect") {
      res.writeHead(302, { location: "/m.tar.gz" });
      res.end();
    } else if (url.startsWith("/loop")) {
      res.writeHead(301, { location: `/loop${url.length}` });
      res.end();
    } else if (url === "/to-ftp") {
      res.writeHead(302, { location: "ftp://127.0.0.1/x.tgz" });
      res.end();
    } else if (url === "/slow-body") {
      // Headers and a first chunk, then nothing: only the deadline ends this.
      res.writeHead(200, { "content-length": ARCHIVE.length });
      res.write(ARCHIVE.subarray(0, 10));
      stalled.push(() => res.destroy());
    } else if (url === "/slow-headers") {
      stalled.push(() => res.destroy());
    } else if (url === "/big-declared") {
      res.writeHead(200, { "content-length": 10_000_000 });
      res.end();
    } else if (url === "/big-chunked") {
      res.writeHead(200, { "content-type": "application/gzip" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    } else if (url === "/garbage.tar.gz") {
      res.writeHead(200);
      res.end("<html>not an archive</html>");
    } else {
      res.writeHead(404, "Not Found");
      res.end("no");
    }
  });
});

afterEach(async () => {
  for (const s of stalled) s();
  await server.close();
});

const repo = (path: string) => ({ repos: [{ name: "manifests", uri: server.url + path }], baseDir: base });
const cacheLeftovers = async () => (await fsp.readdir(join(base, ".cache"))).filter((n) => n !== "manifests" && n !== ".manifests.kfrender.json");

describe("http(s) archives", () => {
  it("downloads, strips the top directory, then reuses the cache without network; refresh re-fetches", async () => {
    const first = await resolveSources(repo("/m.tar.gz"));
    expect(first.decisions[0]).toMatchObject({ rule: 4, source: "built-in", reason: `path not set: downloaded ${server.url}/m.tar.gz` });
    expect(await readTree(first.repos.manifests!)).toEqual(FILES);
    expect(server.requests).toEqual(["/m.tar.gz"]);

    const second = await resolveSources(repo("/m.tar.gz"));
    expect(second.decisions[0]).toMatchObject({ rule: 4, source: "cache" });
    expect(server.requests).toHaveLength(1);

    const refreshed = await resolveSources(repo("/m.tar.gz"), { refresh: true });
    expect(refreshed.decisions[0]!.source).toBe("built-in");
    expect(server.requests).toHaveLength(2);
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("follows a redirect", async () => {
    const { repos, decisions } = await resolveSources(repo("/redirect"));
    expect(decisions[0]!.source).toBe("built-in");
    expect(await readTree(repos.manifests!)).toEqual(FILES);
    expect(server.requests).toEqual(["/redirect", "/m.tar.gz"]);
  });

  it("bounds redirects", async () => {
    const { decisions } = await resolveSources(repo("/loop"), { maxRedirects: 3 });
    expect(decisions[0]!.error).toBe(`${server.url}/loop: more than 3 redirects`);
    expect(server.requests).toHaveLength(4);
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("refuses a redirect to another scheme", async () => {
    const { decisions } = await resolveSources(repo("/to-ftp"));
    expect(decisions[0]!.error).toMatch(/redirect to unsupported ftp: URL/);
  });

  it("404 is an error, and a complete cache from before stays as it was", async () => {
    const ok = await resolveSources(repo("/m.tar.gz"));
    expect(ok.decisions[0]!.source).toBe("built-in");
    // Same cache entry, a uri that now fails.
    const { repos, decisions } = await resolveSources(repo("/missing.tar.gz"));
    expect(repos).toEqual({});
    expect(decisions[0]).toMatchObject({ rule: 4, source: "none", error: `${server.url}/missing.tar.gz: HTTP 404 Not Found` });
    expect(await readTree(join(base, ".cache/manifests"))).toEqual(FILES);
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("a server that stalls mid-body hits the timeout", async () => {
    const t0 = Date.now();
    const { decisions } = await resolveSources(repo("/slow-body"), { timeoutMs: 300 });
    expect(decisions[0]!.error).toBe(`${server.url}/slow-body: timed out after 300 ms`);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("a server that never answers hits the timeout", async () => {
    const t0 = Date.now();
    const { decisions } = await resolveSources(repo("/slow-headers"), { timeoutMs: 300 });
    expect(decisions[0]!.error).toBe(`${server.url}/slow-headers: timed out after 300 ms`);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("an oversized body is refused, by Content-Length or while streaming", async () => {
    const declared = await resolveSources(repo("/big-declared"), { maxBytes: 1_000_000 });
    expect(declared.decisions[0]!.error).toBe(`${server.url}/big-declared: the archive is 10000000 bytes, over the limit of 1000000`);
    const streamed = await resolveSources(repo("/big-chunked"), { maxBytes: 1_000_000 });
    expect(streamed.decisions[0]!.error).toBe(`${server.url}/big-chunked: the archive is over the limit of 1000000 bytes`);
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("a body that is not an archive is a corrupt-archive error naming the URL", async () => {
    const { decisions } = await resolveSources(repo("/garbage.tar.gz"));
    expect(decisions[0]!.error).toMatch(new RegExp(`^${server.url}/garbage.tar.gz: corrupt archive`));
    expect(await cacheLeftovers()).toEqual([]);
  });

  it("the downloader alone writes the body and bounds redirects", async () => {
    const dest = join(base, "dl");
    const r = await httpDownload(`${server.url}/m.tar.gz`, dest, { timeoutMs: 5000, maxBytes: 1e6, maxRedirects: 0 });
    expect(r).toEqual({ bytes: ARCHIVE.length, finalUrl: `${server.url}/m.tar.gz` });
    expect(new Uint8Array(await fsp.readFile(dest))).toEqual(ARCHIVE);
    await expect(httpDownload(`${server.url}/redirect`, join(base, "dl2"), { timeoutMs: 5000, maxBytes: 1e6, maxRedirects: 0 })).rejects.toMatchObject({
      code: "DOWNLOAD",
      message: `${server.url}/redirect: more than 0 redirects`,
    });
  });
});
