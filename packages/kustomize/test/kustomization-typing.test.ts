import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { KustomizeError, MemoryFileSystem, buildToYaml } from "@kfrender/kustomize";
import { FileLoader } from "../src/loader/file-loader.js";
import { loadKustomizationFile } from "../src/loader/kustomization-file.js";
import { KUSTOMIZATION, foldName } from "../src/loader/kustomization-schema.js";
import { FIXTURES } from "./support/paths.js";
import { memoryFromDisk } from "./support/memory-from-disk.js";

const DIR = path.join(FIXTURES, "kustomization-typing");

/** kubectl's own words from an expected-error file: the quoted `err="…"` of its klog line. */
function kubectlMessage(stderr: string): string {
  const m = /err=("(?:[^"\\]|\\.)*")\s*$/.exec(stderr);
  if (!m) throw new Error(`no err="…" in ${stderr}`);
  return JSON.parse(m[1]!) as string;
}

function buildError(run: () => unknown): KustomizeError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(KustomizeError);
    return e as KustomizeError;
  }
  throw new Error("the build succeeded");
}

function load(text: string) {
  const mfs = new MemoryFileSystem();
  mfs.addDir("/k");
  mfs.writeFile("/k/kustomization.yaml", Buffer.from(text));
  const loader = FileLoader.forRoot("/k", { fs: mfs, restrictor: "LoadRestrictionsRootOnly", env: {} });
  return loadKustomizationFile(loader);
}

describe("kustomization decoding: kubectl's exact message for every error fixture", () => {
  const cases = fs.readdirSync(DIR).filter((c) => fs.existsSync(path.join(DIR, c, "expected-error")));
  it("has the error fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const c of cases) {
    it(c, () => {
      const dir = path.join(DIR, c);
      const expected = kubectlMessage(fs.readFileSync(path.join(dir, "expected-error"), "utf8"));
      const mfs = memoryFromDisk(dir, (rel) => rel === "expected-error");
      const err = buildError(() => buildToYaml(dir, { fs: mfs }));
      expect(err.message).toBe(expected);
      expect(err.file).toBe(path.join(dir, "kustomization.yaml"));
    });
  }
});

describe("kustomization decoding: what later stages receive", () => {
  it("gives case-folded field names their JSON spelling at every level", () => {
    const { kustomization: k } = load("IMAGES:\n- NAME: nginx\n  newtag: '2'\nNamePrefix: p-\n");
    expect(k.images).toEqual([{ name: "nginx", newTag: "2" }]);
    expect(k.namePrefix).toBe("p-");
  });

  it("keeps the spelling that sorts last when one field is spelt twice, as Go decodes it last", () => {
    // "NEWTAG" < "newTag" < "newtag" in byte order.
    const { kustomization: k } = load("images:\n- name: a\n  newtag: c\n  NEWTAG: a\n  newTag: b\n");
    expect(k.images).toEqual([{ name: "a", newTag: "c" }]);
    expect(load("images:\n- name: a\n  newTag: b\n  NEWTAG: a\n").kustomization.images).toEqual([{ name: "a", newTag: "b" }]);
  });

  it("stores Go's zero values for nulls below the top level", () => {
    const { kustomization: k } = load(
      "labels: [null, {pairs: {a: null}, includeSelectors: null}]\nresources: [null]\n" +
        "replacements: [{targets: [null]}]\nhelmCharts: [{name: c, valuesInline: {x: null}}]\n",
    );
    expect(k.labels).toEqual([{}, { pairs: { a: "" } }]);
    expect(k.resources).toEqual([""]);
    // Slices of pointers keep nil; interface{} values keep null.
    expect(k.replacements).toEqual([{ targets: [null] }]);
    expect(k.helmCharts).toEqual([{ name: "c", valuesInline: { x: null } }]);
  });

  it("accepts integral numbers in int fields and quoted YAML 1.1 words in string fields", () => {
    const { kustomization: k } = load("replicas: [{name: a, count: 3.0}, {name: b, count: 0x10}]\ncommonLabels: {a: 'yes', b: '1.0'}\n");
    expect(k.replicas).toEqual([{ name: "a", count: 3 }, { name: "b", count: 16 }]);
    expect(k.commonLabels).toEqual({ a: "yes", b: "1.0" });
  });

  it("returns the fields as parsed on the success path, kind and apiVersion defaulted", () => {
    const { kustomization: k } = load("resources: [a.yaml]\ncommonLabels: {a: b}\n");
    expect(k).toEqual({ resources: ["a.yaml"], commonLabels: { a: "b" }, kind: "Kustomization", apiVersion: "kustomize.config.k8s.io/v1beta1" });
  });
});

describe("kustomization schema", () => {
  it("matches JSON names as encoding/json folds them", () => {
    expect(foldName("namePrefix")).toBe(foldName("NAMEPREFIX"));
    // U+017F (long s) and U+212A (Kelvin sign) fold to S and K; other runes stay as they are.
    expect(foldName("nameſuffix")).toBe(foldName("nameSuffix"));
    expect(foldName("\u212aind")).toBe("KIND");
    expect(foldName("é")).toBe("é");
  });

  it("flattens embedded structs into the struct that embeds them", () => {
    if (KUSTOMIZATION.kind !== "struct") throw new Error("not a struct");
    const patches = KUSTOMIZATION.struct.exact.get("patches")!.type;
    if (patches.kind !== "slice" || patches.elem.kind !== "struct") throw new Error("patches is not []struct");
    const target = patches.elem.struct.exact.get("target")!.type;
    if (target.kind !== "struct") throw new Error("target is not a struct");
    expect(target.name).toBe("types.Selector");
    expect([...target.struct.exact.keys()].sort()).toEqual(
      ["annotationSelector", "group", "kind", "labelSelector", "name", "namespace", "version"],
    );
    expect(KUSTOMIZATION.struct.exact.has("kind")).toBe(true);
    expect(KUSTOMIZATION.struct.exact.has("inventory")).toBe(false);
  });
});
