import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { extractTarball, resolveSources } from "@kfrender/sources";
import { type RawEntry, exists, githubArchive, rawTarball, readTree, tempDir } from "./helpers.js";

let base: string;

beforeEach(async () => {
  base = await tempDir();
});

async function extract(entries: RawEntry[]): Promise<{ dest: string; error?: { code: string; message: string } }> {
  const file = join(base, "a.tar.gz");
  await fsp.writeFile(file, rawTarball(entries));
  const dest = join(base, "out", "dest");
  await fsp.mkdir(join(base, "out"));
  try {
    await extractTarball(file, dest);
    return { dest };
  } catch (e) {
    return { dest, error: e as { code: string; message: string } };
  }
}

const TOP: RawEntry = { path: "top/", type: "Directory" };

describe("tar entries that would land outside the target are refused", () => {
  const cases: Array<[string, RawEntry[], RegExp]> = [
    ["a ../ path", [TOP, { path: "top/ok.yaml", body: "ok" }, { path: "../evil", body: "x" }], /\.\.\/evil would land outside the target/],
    ["a ../ inside the path", [TOP, { path: "top/../../evil", body: "x" }], /would land outside the target/],
    ["an absolute path", [TOP, { path: "/tmp/kfsources-evil-absolute", body: "x" }], /has an absolute path/],
    ["a symlink leading up and out", [TOP, { path: "top/link", type: "SymbolicLink", linkpath: "../../outside" }], /symlink link → \.\.\/\.\.\/outside leads outside/],
    ["a symlink to the top directory's parent", [TOP, { path: "top/link", type: "SymbolicLink", linkpath: ".." }], /leads outside/],
    ["an absolute symlink", [TOP, { path: "top/etc", type: "SymbolicLink", linkpath: "/etc" }], /symlink etc → \/etc leads outside/],
    [
      "a symlink that escapes only through another link (d → ., x → d/..)",
      [TOP, { path: "top/sub/", type: "Directory" }, { path: "top/sub/d", type: "SymbolicLink", linkpath: ".." }, { path: "top/x", type: "SymbolicLink", linkpath: "sub/d/.." }],
      /symlink x → sub\/d\/\.\. leads outside/,
    ],
    [
      "a file written through a symlink",
      [TOP, { path: "top/l", type: "SymbolicLink", linkpath: "sub" }, { path: "top/sub/", type: "Directory" }, { path: "top/l/f.yaml", body: "x" }],
      /would be written through the symlink l/,
    ],
    ["a hard link to ../", [TOP, { path: "top/h", type: "Link", linkpath: "../etc/passwd" }], /hard link top\/h → .* contains ".."|would land outside/],
    ["a hard link outside the stripped directory", [TOP, { path: "top/h", type: "Link", linkpath: "other/x" }], /points outside the target/],
    [
      "a hard link to a symlink (it would move the link)",
      [TOP, { path: "top/a/", type: "Directory" }, { path: "top/a/s", type: "SymbolicLink", linkpath: "../x" }, { path: "top/h", type: "Link", linkpath: "top/a/s" }],
      /points outside the target or through a symlink/,
    ],
    ["a FIFO", [TOP, { path: "top/pipe", type: "FIFO" }], /unsupported type FIFO/],
    ["a file replacing the target itself", [{ path: ".", type: "File", body: "x" }], /would replace the target/],
  ];

  for (const [name, entries, message] of cases) {
    it(name, async () => {
      const { dest, error } = await extract(entries);
      expect(error?.code).toBe("UNSAFE_ARCHIVE");
      expect(error?.message).toMatch(message);
      // Checked before anything is written: no target, no staging directory.
      expect(await fsp.readdir(join(base, "out"))).toEqual([]);
      expect(await exists(dest)).toBe(false);
      expect(await exists(join(base, "evil"))).toBe(false);
      expect(await exists(join(base, "out", "evil"))).toBe(false);
      expect(await exists("/tmp/kfsources-evil-absolute")).toBe(false);
    });
  }

  it("links that stay inside are kept", async () => {
    const { dest, error } = await extract([
      TOP,
      { path: "top/app/", type: "Directory" },
      { path: "top/app/x.yaml", body: "x\n" },
      { path: "top/a", type: "SymbolicLink", linkpath: "app/x.yaml" },
      { path: "top/app/up", type: "SymbolicLink", linkpath: "../app/x.yaml" },
      { path: "top/app/h.yaml", type: "Link", linkpath: "top/app/x.yaml" },
    ]);
    expect(error).toBeUndefined();
    expect(await readTree(dest)).toEqual({ a: "-> app/x.yaml", "app/h.yaml": "x\n", "app/up": "-> ../app/x.yaml", "app/x.yaml": "x\n" });
    expect(await fsp.readFile(join(dest, "app/up"), "utf8")).toBe("x\n");
  });
});

it("a link to a link is refused by node-tar itself (it will not extract through links)", async () => {
  const { error } = await extract([TOP, { path: "top/x.yaml", body: "x" }, { path: "top/a", type: "SymbolicLink", linkpath: "x.yaml" }, { path: "top/b", type: "SymbolicLink", linkpath: "a" }]);
  expect(error).toMatchObject({ code: "UNSAFE_ARCHIVE" });
  expect(error?.message).toMatch(/node-tar: TAR_SYMLINK_ERROR/);
  expect(await fsp.readdir(join(base, "out"))).toEqual([]);
});

describe("through the resolver", () => {
  it("a tar-slip archive is a per-repo error and the cache keeps its previous content", async () => {
    const tarball = join(base, "m.tgz");
    await fsp.writeFile(tarball, githubArchive("m", { "k.yaml": "good\n" }));
    const input = { repos: [{ name: "manifests", uri: tarball }], baseDir: base };
    expect((await resolveSources(input)).decisions[0]!.source).toBe("built-in");

    await fsp.writeFile(tarball, rawTarball([{ path: "m/", type: "Directory" }, { path: "m/k.yaml", body: "bad\n" }, { path: "m/../../../slipped", body: "x" }]));
    const { repos, decisions } = await resolveSources(input);
    expect(repos).toEqual({});
    expect(decisions[0]).toMatchObject({ rule: 4, source: "none" });
    expect(decisions[0]!.error).toMatch(/refused: entry m\/\.\.\/\.\.\/\.\.\/slipped would land outside the target/);
    expect(await readTree(join(base, ".cache/manifests"))).toEqual({ "k.yaml": "good\n" });
    expect(await exists(join(base, "slipped"))).toBe(false);
    expect(await exists(join(base, "../slipped"))).toBe(false);
  });
});
