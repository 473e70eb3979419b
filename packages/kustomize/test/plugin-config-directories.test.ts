import { describe, expect, it } from "vitest";
import { build, KustomizeError, MemoryFileSystem } from "@kfrender/kustomize";

// Behaviour below was observed with `kubectl kustomize` (kustomize v5.5.0) on equivalent trees;
// the byte-exact outputs are in fixtures/transformers/ and fixtures/generators/.

function run(files: Record<string, string>, dir = "/t") {
  const abs: Record<string, string> = {};
  for (const [p, c] of Object.entries(files)) abs[`/t/${p}`] = c;
  return build(dir, { fs: new MemoryFileSystem(abs) }).resources;
}

function failure(files: Record<string, string>, dir = "/t"): KustomizeError {
  try {
    run(files, dir);
  } catch (e) {
    expect(e).toBeInstanceOf(KustomizeError);
    return e as KustomizeError;
  }
  throw new Error("expected the build to fail");
}

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: orig\n";
const prefixer = (name: string, prefix: string, apiVersion = "builtin") =>
  `apiVersion: ${apiVersion}\nkind: PrefixSuffixTransformer\nmetadata:\n  name: ${name}\nprefix: ${prefix}\nfieldSpecs:\n- path: metadata/name\n`;
const indent = (s: string) => s.trimEnd().replace(/^/gm, "  ");

describe("transformers: and generators: entries that are kustomization directories", () => {
  it("runs inline configs first, then files and directories in their listed order", () => {
    const out = run({
      "kustomization.yaml": `resources: [cm.yaml]\ntransformers:\n- dir\n- |-\n${indent(prefixer("inline", "i-"))}\n- file.yaml\n`,
      "cm.yaml": CM,
      "file.yaml": prefixer("file", "f-"),
      "dir/kustomization.yaml": "namePrefix: renamed-\nresources: [p.yaml]\n",
      "dir/p.yaml": prefixer("dir", "d-"),
    });
    expect(out.map((r) => r.name)).toEqual(["f-d-i-x"]);
  });

  it("uses a directory's built output as configs, and reads config paths from the listing kustomization", () => {
    const out = run(
      {
        "app/kustomization.yaml": "resources: [cm.yaml]\ntransformers: [../shared]\n",
        "app/cm.yaml": CM,
        "app/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  patched: \"yes\"\n",
        "shared/kustomization.yaml": "namespace: from-directory\nresources: [ns.yaml, patch.yaml]\n",
        "shared/ns.yaml":
          "apiVersion: builtin\nkind: NamespaceTransformer\nmetadata:\n  name: ns\n  namespace: from-config\nfieldSpecs:\n- path: metadata/namespace\n  create: true\n",
        "shared/patch.yaml": "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: patch.yaml\ntarget:\n  kind: ConfigMap\n",
      },
      "/t/app",
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.namespace).toBe("from-directory");
    expect(out[0]!.obj.data).toEqual({ patched: "yes" });
  });

  it("generates from a directory's configs as that directory named and placed them", () => {
    const out = run(
      {
        "app/kustomization.yaml": "generators: [../gens]\n",
        "gens/kustomization.yaml": "namePrefix: gp-\nnamespace: gns\nresources: [g.yaml]\n",
        "gens/g.yaml": "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: gen\nliterals: [k=v]\n",
      },
      "/t/app",
    );
    expect(out.map((r) => [r.namespace, r.name])).toEqual([["gns", "gp-gen-bdg947hgcc"]]);
  });

  it("refuses a directory that is a Component", () => {
    const e = failure({
      "kustomization.yaml": "resources: [cm.yaml]\ntransformers: [comp]\n",
      "cm.yaml": CM,
      "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [p.yaml]\n",
      "comp/p.yaml": prefixer("p", "a-"),
    });
    expect(e.message).toContain("expected kind != 'Component'");
  });

  it("keeps one id space for all configs of a field", () => {
    const e = failure({
      "kustomization.yaml": `resources: [cm.yaml]\ntransformers:\n- dir\n- |-\n${indent(prefixer("same", "a-"))}\n`,
      "cm.yaml": CM,
      "dir/kustomization.yaml": "resources: [p.yaml]\n",
      "dir/p.yaml": prefixer("same", "b-"),
    });
    expect(e.message).toContain("may not add resource with an already registered id");
  });

  it("refuses external plugins and built-ins of the other sort", () => {
    const external = failure({
      "kustomization.yaml": `resources: [cm.yaml]\ntransformers:\n- |-\n${indent(prefixer("e", "a-", "example.com/v1"))}\n`,
      "cm.yaml": CM,
    });
    expect(external.message).toContain("external plugins disabled; unable to load external plugin 'PrefixSuffixTransformer'");
    const generator = failure({
      "kustomization.yaml": "transformers: [g.yaml]\n",
      "g.yaml": "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: g\nliterals: [a=b]\n",
    });
    expect(generator.message).toContain("plugin ConfigMapGenerator.builtin.[noGrp]/g.[noNs] not a transformer");
    const transformer = failure({
      "kustomization.yaml": "generators: [l.yaml]\n",
      "l.yaml": "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: l\n",
    });
    expect(transformer.message).toContain("plugin LabelTransformer.builtin.[noGrp]/l.[noNs] not a generator");
  });

  it("treats plain resources a directory yields as external plugin configs", () => {
    const e = failure({
      "kustomization.yaml": "generators: [dir]\n",
      "dir/kustomization.yaml": "configMapGenerator:\n- name: inner\n  literals: [a=b]\n",
    });
    expect(e.message).toContain("unable to load external plugin 'ConfigMap'");
  });
});
