import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, parseAllDocuments, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import { builtinSchema } from "../src/openapi/builtin.js";
import { schemaFromDocument } from "../src/openapi/openapi-field.js";
import { strategicMerge } from "../src/patch/strategic-merge/index.js";
import { CASES, EXPECTED, expectedError } from "./patch-support.js";

/**
 * strategicMerge on its own. The smp-* fixtures (one resource, one `patches: - path: patch.yaml`)
 * run through it directly and must give what kubectl kustomize gave for the same directory.
 */

const read = (file: string) => parseAllDocuments(fs.readFileSync(file, "utf8"));

function smpCases(): string[] {
  return fs.readdirSync(CASES).filter((c) => {
    if (!c.startsWith("smp-")) return false;
    const k = fs.readFileSync(path.join(CASES, c, "kustomization.yaml"), "utf8");
    return k.includes("- path: patch.yaml") && read(path.join(CASES, c, "base.yaml")).length === 1;
  });
}

/** kustomize restores what a patch may not change: kind, name and namespace. */
function restoreIdentity(result: YamlMap, kind: YamlValue, name: YamlValue, namespace: YamlValue | undefined) {
  result.kind = kind;
  const md = (isMap(result.metadata) ? result.metadata : (result.metadata = {})) as YamlMap;
  md.name = name;
  if (namespace === undefined) delete md.namespace;
  else md.namespace = namespace;
}

/** Keys written `key:` with nothing after, found in the source text (enough for the fixture). */
function bareKeys(text: string): Set<string> {
  const out = new Set<string>();
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:- )?([\w./-]+):\s*$/.exec(line);
    if (!m) return;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    const indent = m[1]!.length + (line.trimStart().startsWith("- ") ? 2 : 0);
    if (next === undefined || next.length - next.trimStart().length <= indent) out.add(m[2]!);
  });
  return out;
}

describe("strategicMerge against kubectl (fixtures/patches/smp-*)", () => {
  for (const name of smpCases()) {
    it(name, () => {
      const baseText = fs.readFileSync(path.join(CASES, name, "base.yaml"), "utf8");
      const target = parseAllDocuments(baseText)[0] as YamlMap;
      const patch = read(path.join(CASES, name, "patch.yaml"))[0] as YamlMap;
      const md = target.metadata as YamlMap;
      const identity = [target.kind, md.name, md.namespace] as const;
      const bare = bareKeys(baseText);
      const run = () =>
        strategicMerge(target, patch, builtinSchema(), { isBareNull: (_m, key) => bare.has(key) });
      const expectedFile = path.join(EXPECTED, `${name}.yaml`);
      if (!fs.existsSync(expectedFile)) {
        expect(run).toThrow(KustomizeError);
        expect(expectedError(name)).toContain(errorOf(run).split("\n")[0]);
        return;
      }
      const result = run();
      const expected = read(expectedFile);
      if (result === null) {
        expect(expected).toEqual([]);
        return;
      }
      if (result !== target) return; // a top-level replace, which kustomize ignores (see patch-fields)
      restoreIdentity(result, ...identity);
      expect(result).toEqual(expected[0]);
    });
  }
});

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("strategicMerge API", () => {
  const deployment = (): YamlMap => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { template: { spec: { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] } } },
  });

  it("merges into the target in place and leaves the patch untouched", () => {
    const target = deployment();
    const patch: YamlMap = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { $patch: "replace", x: "y" } },
      spec: { template: { spec: { containers: [{ name: "b", image: "b:2" }] } } },
    };
    const before = structuredClone(patch);
    const result = strategicMerge(target, patch);
    expect(result).toBe(target);
    expect(patch).toEqual(before);
    expect((result!.spec as any).template.spec.containers).toEqual([
      { name: "b", image: "b:2" },
      { name: "a", image: "a:1" },
    ]);
    expect((result!.metadata as any).labels).toEqual({ x: "y" });
  });

  it("returns null when the patch deletes the whole object", () => {
    expect(strategicMerge(deployment(), { apiVersion: "apps/v1", kind: "Deployment", $patch: "delete" })).toBeNull();
  });

  it("returns the patch's content for a top-level replace", () => {
    const result = strategicMerge(deployment(), { apiVersion: "apps/v1", kind: "Deployment", $patch: "replace", spec: {} });
    expect(result).toEqual({ apiVersion: "apps/v1", kind: "Deployment", spec: {} });
  });

  it("replaces lists of kinds the schema does not know, and merges them given a schema", () => {
    const cr = (): YamlMap => ({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec: { items: [{ name: "a", n: 1 }, { name: "b", n: 2 }] },
    });
    const patch: YamlMap = { apiVersion: "example.com/v1", kind: "Widget", spec: { items: [{ name: "b", n: 3 }] } };
    expect((strategicMerge(cr(), patch)!.spec as YamlMap).items).toEqual([{ name: "b", n: 3 }]);
    const schema = schemaFromDocument(
      JSON.stringify({
        definitions: {
          Widget: {
            properties: {
              spec: {
                properties: {
                  items: { type: "array", items: {}, "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name" },
                },
              },
            },
            "x-kubernetes-group-version-kind": [{ group: "example.com", version: "v1", kind: "Widget" }],
          },
        },
      }),
    );
    expect((strategicMerge(cr(), patch, schema)!.spec as YamlMap).items).toEqual([
      { name: "b", n: 3 },
      { name: "a", n: 1 },
    ]);
  });

  it("keeps untouched explicit nulls unless the hook says they were bare keys", () => {
    const target = (): YamlMap => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: null, b: null } });
    const patch: YamlMap = { apiVersion: "v1", kind: "ConfigMap", data: { c: "x" } };
    expect(strategicMerge(target(), patch)!.data).toEqual({ a: null, b: null, c: "x" });
    expect(strategicMerge(target(), patch, undefined, { isBareNull: (_m, k) => k === "a" })!.data).toEqual({ b: null, c: "x" });
  });

  it("fails on an unknown directive and on a kind mismatch", () => {
    expect(() => strategicMerge(deployment(), { spec: { $patch: "sideways" } })).toThrow("unknown patch strategy 'sideways'");
    expect(() => strategicMerge(deployment(), { spec: { template: [1] } })).toThrow(
      "wrong node kind: expected MappingNode but got SequenceNode",
    );
  });
});
