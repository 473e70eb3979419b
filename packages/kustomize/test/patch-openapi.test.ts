import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import { MemoryFileSystem } from "../src/fs/memory-fs.js";
import { builtinSchema } from "../src/openapi/builtin.js";
import { OpenApiSelection, schemaFromDocument } from "../src/openapi/openapi-field.js";
import { Resource } from "../src/resource/resource.js";
import { memoryLoader, REPO } from "./patch-support.js";

describe("built-in OpenAPI table", () => {
  const bundle = path.join(REPO, "..", "shared", "openapi", "kubernetes-openapi-union-v1.21.2.bundle-v1.json.gz");

  it.skipIf(!fs.existsSync(bundle))("is what scripts/gen-openapi-table.mjs derives from the shared bundle", () => {
    const out = execFileSync(process.execPath, [path.join(REPO, "scripts", "gen-openapi-table.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(out).toContain("up to date");
  });

  it("knows the merge keys and strategies kustomize merges lists by", () => {
    const s = builtinSchema();
    const dep = s.forResource("apps/v1", "Deployment")!;
    const podSpec = ["spec", "template", "spec"].reduce((n, f) => s.field(n, f)!, dep);
    const containers = s.field(podSpec, "containers")!;
    expect(s.mergesByKey(containers)).toBe(true);
    expect(s.listStrategy(containers)).toEqual({ strategy: "merge", keys: ["name"] });
    const ports = s.field(s.elements(containers)!, "ports")!;
    expect(s.listStrategy(ports).keys).toEqual(["containerPort", "protocol"]);
    const volumes = s.field(podSpec, "volumes")!;
    expect(s.listStrategy(volumes).strategy).toBe("merge,retainKeys");
    expect(s.mergesByKey(volumes)).toBe(true);
    expect(s.mergesByKey(s.field(s.elements(containers)!, "args")!)).toBe(false);
    expect(s.forResource("example.com/v1", "Widget")).toBeUndefined();
    // map values share one schema (labels → string)
    const md = s.field(dep, "metadata")!;
    expect(s.field(md, "finalizers")).toMatchObject({ "x-kubernetes-patch-strategy": "merge" });
  });
});

describe("the openapi field", () => {
  const custom = JSON.stringify({
    definitions: {
      W: {
        properties: { spec: { $ref: "#/definitions/io.k8s.api.core.v1.PodSpec" } },
        "x-kubernetes-group-version-kind": [{ group: "example.com", version: "v1", kind: "Widget" }],
      },
    },
  });
  const files = () => new MemoryFileSystem({ "/k/schema.json": custom });
  const cr = () => new Resource({ apiVersion: "example.com/v1", kind: "Other", metadata: { name: "x" } });
  const podSpecOfWidget = (sel: OpenApiSelection) => {
    const s = sel.current();
    const w = s.forResource("example.com/v1", "Widget");
    return w && s.field(w, "spec");
  };

  it("defaults to the built-in schema", () => {
    expect(new OpenApiSelection().current()).toBe(builtinSchema());
  });

  it("lets the kustomization being built choose first; bases choose only if nothing is chosen", () => {
    const fs = files();
    const sel = new OpenApiSelection();
    sel.apply({ version: "v1.21.2" }, memoryLoader(fs, "/k"), true);
    sel.apply({ path: "schema.json" }, memoryLoader(fs, "/k"), false);
    expect(sel.current().forResource("example.com/v1", "Widget")).toBeUndefined();

    const sel2 = new OpenApiSelection();
    sel2.apply(undefined, memoryLoader(fs, "/k"), true);
    sel2.apply({ path: "schema.json" }, memoryLoader(fs, "/k"), false);
    expect(sel2.current().forResource("example.com/v1", "Widget")).toBeDefined();
  });

  it("replaces the built-in types when chosen before they were loaded, adds to them after", () => {
    const fs = files();
    const early = new OpenApiSelection();
    early.apply({ path: "schema.json" }, memoryLoader(fs, "/k"), true);
    expect(early.current().forResource("apps/v1", "Deployment")).toBeUndefined();
    expect(podSpecOfWidget(early)).toBeUndefined();

    // A resource of a type outside kyaml's precomputed table loads the built-in schema first.
    const late = new OpenApiSelection();
    late.apply(undefined, memoryLoader(fs, "/k"), true);
    late.noteResources([cr()]);
    late.apply({ path: "schema.json" }, memoryLoader(fs, "/k"), false);
    expect(late.current().forResource("apps/v1", "Deployment")).toBeDefined();
    expect(podSpecOfWidget(late)?.properties?.containers).toBeDefined();
  });

  it("refuses an unknown version and a version given with a path", () => {
    const fs = files();
    expect(() => new OpenApiSelection().apply({ version: "v1.14.1" }, memoryLoader(fs, "/k"), true)).toThrow(
      "the specified OpenAPI version is not built in",
    );
    expect(() =>
      new OpenApiSelection().apply({ version: "v1.21.2", path: "schema.json" }, memoryLoader(fs, "/k"), true),
    ).toThrow(KustomizeError);
  });

  it("reads YAML schema documents too", () => {
    const s = schemaFromDocument("definitions:\n  X:\n    x-kubernetes-group-version-kind:\n    - {version: v1, kind: X}\n");
    expect(s.forResource("v1", "X")).toBeDefined();
  });
});
