import { describe, expect, it } from "vitest";
import { build, MemoryFileSystem } from "@kfrender/kustomize";
import { VAR_REFERENCE_FIELD_SPECS } from "../src/fieldspecs/var-reference.js";

// kustomize's default varReference table spells a CronJob's NFS server path without the pod
// template's `spec/`. Observed with `kubectl kustomize` (kustomize v5.5.0); byte-exact output in
// fixtures/vars/cronjob-nfs-server.

const CRONJOB = (volumesUnder: "template" | "template/spec") => {
  const pad = volumesUnder === "template" ? "        " : "          ";
  return [
    "apiVersion: batch/v1",
    "kind: CronJob",
    "metadata:",
    `  name: ${volumesUnder === "template" ? "misplaced" : "proper"}`,
    "spec:",
    "  jobTemplate:",
    "    spec:",
    "      template:",
    "        spec:",
    "          containers: []",
    `${pad}volumes:`,
    `${pad}- name: v`,
    `${pad}  nfs:`,
    `${pad}    server: $(SVC).example`,
    "",
  ].join("\n");
};

describe("varReference: CronJob NFS server", () => {
  it("is in the default table at kustomize's path", () => {
    expect(VAR_REFERENCE_FIELD_SPECS).toContainEqual({ path: "spec/jobTemplate/spec/template/volumes/nfs/server", kind: "CronJob" });
  });

  it("substitutes there and not at the pod spec's own volumes", () => {
    const files = {
      "/t/kustomization.yaml": "resources: [r.yaml]\nvars:\n- name: SVC\n  objref: {kind: Service, name: nfs, apiVersion: v1}\n",
      "/t/r.yaml": ["apiVersion: v1\nkind: Service\nmetadata:\n  name: nfs\n", CRONJOB("template"), CRONJOB("template/spec")].join("---\n"),
    };
    const out = build("/t", { fs: new MemoryFileSystem(files) }).resources;
    const server = (name: string) => {
      const t = (out.find((r) => r.name === name)!.obj as any).spec.jobTemplate.spec.template;
      return (name === "misplaced" ? t.volumes : t.spec.volumes)[0].nfs.server;
    };
    expect(server("misplaced")).toBe("nfs.example");
    expect(server("proper")).toBe("$(SVC).example");
  });
});
