import { describe, expect, it } from "vitest";
import { generateSecrets, nameHashSuffix } from "../src/generators/index.js";
import { memLoader, thrown } from "./generators-helpers.js";

describe("secretGenerator", () => {
  it("base64-encodes every value and defaults the type to Opaque", () => {
    const [s] = generateSecrets([{ name: "s", literals: ["x=y"] }], undefined, memLoader());
    expect(s!.obj).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      type: "Opaque",
      data: { x: "eQ==" },
    });
    expect(nameHashSuffix(s!)).toBe("t86b282gdf");
  });

  it("always has a data map, even empty", () => {
    const [s] = generateSecrets([{ name: "empty", type: "" }], undefined, memLoader());
    expect(s!.obj.data).toEqual({});
    expect(s!.obj.type).toBe("Opaque");
    expect(nameHashSuffix(s!)).toBe("46f8b28mk5");
  });

  it("hashes the type", () => {
    const [s] = generateSecrets([{ name: "t", type: "foo" }], undefined, memLoader());
    expect(nameHashSuffix(s!)).toBe("2tfmk86mf7");
  });

  it("wraps base64 at 70 columns once it reaches 70 characters", () => {
    const [s] = generateSecrets(
      [{ name: "x", literals: [`j=${"0123456789".repeat(5)}0`, `k=${"0123456789".repeat(5)}01`] }],
      undefined,
      memLoader(),
    );
    expect(s!.obj.data).toEqual({
      j: "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw",
      k: "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMQ\n==\n",
    });
    expect(nameHashSuffix(s!)).toBe("h4f9kmcmb8");
  });

  it("encodes files byte for byte", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const [s] = generateSecrets([{ name: "bin", files: ["bin.dat"] }], undefined, memLoader({ "bin.dat": all }));
    expect(nameHashSuffix(s!)).toBe("hk2b57fddb");
  });

  it("takes type, immutable and options", () => {
    const [s] = generateSecrets(
      [{ name: "tls", type: "kubernetes.io/tls", literals: ["tls.crt=x"], options: { immutable: true } }],
      { labels: { g: "1" }, disableNameSuffixHash: true },
      memLoader(),
    );
    expect(s!.obj).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "tls", labels: { g: "1" } },
      type: "kubernetes.io/tls",
      data: { "tls.crt": "eA==" },
      immutable: true,
    });
    expect(s!.needsHashSuffix).toBe(false);
  });

  it("uses the ConfigMap wording in errors, as kustomize does", () => {
    expect(thrown(() => generateSecrets([{ literals: ["a=b"] }], undefined, memLoader())).message).toBe(
      "a configmap must have a name",
    );
    expect(thrown(() => generateSecrets([{ name: "x", literals: ["a=b", "a=c"] }], undefined, memLoader())).message).toBe(
      "configmap x illegally repeats the key `a`",
    );
  });
});
