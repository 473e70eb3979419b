// Each fixtures/<case>/input.yaml is a resource file; kubectl.yaml is what `kubectl kustomize`
// (Kustomize v5.5.0) printed for a kustomization listing only that file, kubectl-error.txt what it
// said when it refused it. Regenerate with fixtures/regen.sh (needs kubectl).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringifyAll, YamlError } from "@kfrender/yaml";

const dir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const cases = readdirSync(dir).filter((d) => existsSync(join(dir, d, "input.yaml")));

describe("kubectl kustomize fixtures", () => {
  for (const c of cases) {
    const input = readFileSync(join(dir, c, "input.yaml"), "utf8");
    const expected = join(dir, c, "kubectl.yaml");
    if (existsSync(expected)) {
      it(`${c}: prints what kubectl prints`, () => {
        const docs = parseAllDocuments(input, { file: "r.yaml" });
        // kubectl orders resources (legacy order, then name); the fixtures are one kind.
        docs.sort((a, b) => name(a).localeCompare(name(b)));
        expect(stringifyAll(docs)).toBe(readFileSync(expected, "utf8"));
      });
    } else {
      it(`${c}: is refused as kubectl refuses it`, () => {
        expect(() => stringifyAll(parseAllDocuments(input, { file: "r.yaml" }))).toThrow(YamlError);
      });
    }
  }
});

function name(v: unknown): string {
  return String(((v as { metadata?: { name?: string } }).metadata ?? {}).name ?? "");
}
