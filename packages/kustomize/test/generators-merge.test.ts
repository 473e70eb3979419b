import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import {
  generateConfigMaps,
  generateSecrets,
  mergeGeneratedIntoResMap,
  nameHashSuffix,
} from "../src/generators/index.js";
import { ResMap } from "../src/resource/res-map.js";
import { Resource } from "../src/resource/resource.js";
import type { GeneratorArgs, SecretArgs } from "../src/types/kustomization.js";
import { memLoader, thrown } from "./generators-helpers.js";

const loader = memLoader({ "b.bin": Uint8Array.of(0xff, 0x00) });
const cms = (...args: GeneratorArgs[]) => generateConfigMaps(args, undefined, loader);
const secrets = (...args: SecretArgs[]) => generateSecrets(args, undefined, loader);

/** What a base's build leaves: namespace then namePrefix applied, each storing the previous id. */
function baseMap(resources: Resource[], namespace?: string, prefix?: string): ResMap {
  const m = new ResMap();
  mergeGeneratedIntoResMap(m, resources);
  for (const r of m.resources()) {
    if (namespace) {
      r.storePreviousId();
      r.setNamespace(namespace);
    }
    if (prefix) {
      r.storePreviousId();
      r.setName(prefix + r.name);
    }
  }
  return m;
}

const finalName = (r: Resource) => (r.needsHashSuffix ? `${r.name}-${nameHashSuffix(r)}` : r.name);

describe("mergeGeneratedIntoResMap", () => {
  it("appends new resources in order", () => {
    const m = new ResMap();
    mergeGeneratedIntoResMap(m, cms({ name: "a" }, { name: "b" }));
    expect(m.resources().map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("merge: data merged (new wins), metadata merged, identity kept from the base", () => {
    const base = cms({
      name: "cm",
      literals: ["a=1", "b=2"],
      options: { labels: { bl: "x", both: "base" }, annotations: { ba: "x" } },
    });
    const [sec] = secrets({ name: "sec", literals: ["a=1"], type: "foo", options: { disableNameSuffixHash: true } });
    const m = baseMap([...base, sec!], "ns1", "base-");
    const oldPrev = m.resources()[0]!.prevIds.slice();
    mergeGeneratedIntoResMap(
      m,
      cms({
        name: "cm",
        behavior: "merge",
        literals: ["b=3", "c=4"],
        options: { labels: { ol: "yy", both: "ov" }, immutable: true },
      }),
    );
    mergeGeneratedIntoResMap(m, secrets({ name: "sec", behavior: "merge", literals: ["b=2"], type: "bar" }));
    const [c, s] = m.resources();
    expect(c!.obj).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "base-cm",
        namespace: "ns1",
        labels: { bl: "x", both: "ov", ol: "yy" },
        annotations: { ba: "x" },
      },
      data: { a: "1", b: "3", c: "4" },
      immutable: true,
    });
    expect(c!.prevIds).toEqual(oldPrev);
    expect(finalName(c!)).toBe("base-cm-fbcmkbc66h"); // kubectl
    expect(s!.obj).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "base-sec", namespace: "ns1" },
      type: "bar",
      data: { a: "MQ==", b: "Mg==" },
    });
    expect(finalName(s!)).toBe("base-sec");
  });

  it("replace: only the new data, metadata still merged", () => {
    const m = baseMap(cms({ name: "cm", literals: ["a=1"], options: { labels: { bl: "x" } } }), "ns1", "base-");
    mergeGeneratedIntoResMap(m, cms({ name: "cm", behavior: "replace", literals: ["b=3", "c=4"] }));
    const [c] = m.resources();
    expect(c!.obj).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "base-cm", namespace: "ns1", labels: { bl: "x" } },
      data: { b: "3", c: "4" },
    });
    expect(finalName(c!)).toBe("base-cm-d2944cbhhg"); // kubectl
  });

  it("keeps the hash suffix only when both sides want it", () => {
    for (const [baseHash, overlayHash, want] of [
      [true, true, true],
      [true, false, false],
      [false, true, false],
      [false, false, false],
    ] as const) {
      for (const behavior of ["merge", "replace"] as const) {
        const m = baseMap(cms({ name: "c", literals: ["a=1"], options: { disableNameSuffixHash: !baseHash } }));
        mergeGeneratedIntoResMap(
          m,
          cms({ name: "c", behavior, literals: ["b=1"], options: { disableNameSuffixHash: !overlayHash } }),
        );
        expect(m.resources()[0]!.needsHashSuffix).toBe(want);
      }
    }
  });

  it("finds the base resource by any of its ids", () => {
    for (const [name, namespace] of [
      ["cm", undefined],
      ["cm", "default"],
      ["cm", "ns1"],
      ["p-cm", "ns1"],
    ]) {
      const m = baseMap(cms({ name: "cm", literals: ["a=1"] }), "ns1", "p-");
      mergeGeneratedIntoResMap(m, cms({ name: name!, namespace, behavior: "merge", literals: ["b=1"] }));
      expect(finalName(m.resources()[0]!)).toBe("p-cm-8gchk5bfmb"); // kubectl
    }
    const m = baseMap(cms({ name: "cm" }), "ns1", "p-");
    expect(() => mergeGeneratedIntoResMap(m, cms({ name: "p-cm", behavior: "merge" }))).toThrow(/does not exist/);
  });

  it("merges into a plain ConfigMap, reading its values as text", () => {
    const m = new ResMap();
    m.append(
      new Resource({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "cm", labels: { x: 1 }, annotations: { y: "2" } },
        data: { i: 1, b: true, n: null, m: { a: "b" }, s: "str" },
        binaryData: { bin: "AAEC" },
      }),
    );
    mergeGeneratedIntoResMap(m, cms({ name: "cm", behavior: "merge", literals: ["z=1"], files: ["b.bin"] }));
    const [c] = m.resources();
    expect(c!.obj).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm", labels: { x: "1" }, annotations: { y: "2" } },
      data: { i: "1", b: "true", n: "", m: "", s: "str", z: "1" },
      binaryData: { bin: "AAEC", "b.bin": "/wA=" },
    });
    expect(c!.needsHashSuffix).toBe(false);
  });

  it("drops a merged Secret's data when both sides are empty", () => {
    const m = baseMap(secrets({ name: "s" }));
    mergeGeneratedIntoResMap(m, secrets({ name: "s", behavior: "merge" }));
    expect(m.resources()[0]!.obj.data).toBeUndefined();
    expect(finalName(m.resources()[0]!)).toBe("s-8226t8dd99"); // kubectl
  });

  it("merges within one kustomization, entry by entry", () => {
    const m = new ResMap();
    mergeGeneratedIntoResMap(
      m,
      cms(
        { name: "a", literals: ["x=1", "y=1"], options: { labels: { a: "1" } } },
        { name: "a", behavior: "merge", literals: ["y=2", "z=2"], options: { labels: { b: "2" } } },
      ),
    );
    expect(m.size).toBe(1);
    expect(m.resources()[0]!.obj.data).toEqual({ x: "1", y: "2", z: "2" });
    expect(m.resources()[0]!.obj.metadata).toEqual({ name: "a", labels: { a: "1", b: "2" } });
  });

  it("keeps the base's origin annotation on merge, takes only the new one on replace", () => {
    const ORIGIN = "config.kubernetes.io/origin";
    const origin = (path?: string) => (path ? { annotations: { [ORIGIN]: `path: ${path}\n` } } : undefined);
    for (const [behavior, base, overlay, want] of [
      ["merge", "base", "overlay", "base"],
      ["merge", undefined, "overlay", "overlay"],
      ["replace", "base", "overlay", "overlay"],
      ["replace", "base", undefined, undefined],
    ] as const) {
      const m = baseMap(cms({ name: "c", options: origin(base) }));
      mergeGeneratedIntoResMap(m, cms({ name: "c", behavior, options: origin(overlay) }));
      expect(m.resources()[0]!.annotations()[ORIGIN]).toBe(want && `path: ${want}\n`);
    }
  });

  describe("errors (kubectl's wording; the generator pointer dump is a placeholder)", () => {
    const goId = (name: string, ns = "", kind = "ConfigMap") =>
      `resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${name}", Namespace:"${ns}"}`;

    it("merge or replace with nothing to merge into", () => {
      const e = thrown(() => mergeGeneratedIntoResMap(new ResMap(), cms({ name: "nope", behavior: "merge" })));
      expect(e).toBeInstanceOf(KustomizeError);
      expect(e.code).toBe("GENERATOR");
      expect(e.message).toBe(
        `merging from generator &{0xc000000000 <nil>}: id ${goId("nope")} does not exist; cannot merge or replace`,
      );
      const m = baseMap(cms({ name: "cm" }));
      expect(
        thrown(() => mergeGeneratedIntoResMap(m, secrets({ name: "cm", namespace: "foo", behavior: "replace" }))).message,
      ).toContain(`id ${goId("cm", "foo", "Secret")} does not exist`);
    });

    it("create (or an unknown behavior) over an existing id", () => {
      for (const behavior of [undefined, "create", "Merge"]) {
        const m = baseMap(cms({ name: "cm" }));
        const e = thrown(() => mergeGeneratedIntoResMap(m, cms({ name: "cm", behavior: behavior as never })));
        expect(e.message).toBe(
          `merging from generator &{0xc000000000 <nil>}: id ${goId("cm")} exists; behavior must be merge or replace`,
        );
      }
    });

    it("more than one candidate", () => {
      // Two bases each moved their `cm` into a namespace: both still answer to cm in "default".
      const both = new ResMap();
      const [a, b] = cms({ name: "cm", literals: ["a=1"] }, { name: "cm", literals: ["a=2"] });
      a!.prevIds = [{ group: "", version: "v1", kind: "ConfigMap", name: "cm", namespace: "" }];
      b!.prevIds = [{ group: "", version: "v1", kind: "ConfigMap", name: "cm", namespace: "" }];
      a!.setNamespace("ns1");
      b!.setNamespace("ns2");
      both.append(a!);
      both.append(b!);
      expect(thrown(() => mergeGeneratedIntoResMap(both, cms({ name: "cm", behavior: "merge" }))).message).toMatch(
        /^merging from generator &\{0xc000000000 <nil>\}: found multiple objects \[.*\] that could accept merge of ConfigMap\.v1\.\[noGrp\]\/cm\.\[noNs\]$/,
      );
    });
  });
});
