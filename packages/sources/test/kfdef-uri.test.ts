import { describe, expect, it } from "vitest";
import { classifyUri, parseKfDefRepos } from "@kfrender/sources";

describe("parseKfDefRepos", () => {
  it("reads spec.repos of the first document only", () => {
    const text = `apiVersion: kfdef.apps.kubeflow.org/v1
kind: KfDef
spec:
  repos:
  - name: manifests
    path: /mapr/kubeflow/manifests
    uri: file:///opt/mapr/manifests.tar.gz
  - name: other
    uri: "https://example.com/x.tar.gz"
---
spec:
  repos:
  - name: ignored
`;
    expect(parseKfDefRepos(text)).toEqual([
      { name: "manifests", path: "/mapr/kubeflow/manifests", uri: "file:///opt/mapr/manifests.tar.gz" },
      { name: "other", uri: "https://example.com/x.tar.gz" },
    ]);
  });

  it("types plain scalars as yaml.v2 does and prints them as ghodss/yaml does", () => {
    const text = `spec:
  repos:
  - {name: yes, uri: ., path: ~}
  - {name: "yes", uri: 012, path: ""}
  - {name: 1.0, uri: 0x1F, path: off}
  - {name: 1e3, uri: 1e6, path: 1_000}
  - {name: 0.00001, uri: 3.25, path: 'on'}
`;
    expect(parseKfDefRepos(text)).toEqual([
      { name: "true", uri: "." },
      { name: "yes", uri: "10" },
      { name: "1", uri: "31", path: "false" },
      { name: "1000", uri: "1e+06", path: "1000" },
      { name: "1e-05", uri: "3.25", path: "on" },
    ]);
  });

  it("follows aliases; no repos is an empty list; wrong shapes are errors", () => {
    expect(parseKfDefRepos("spec:\n  repos:\n  - &r {name: a, uri: u}\n  - *r\n")).toEqual([
      { name: "a", uri: "u" },
      { name: "a", uri: "u" },
    ]);
    expect(parseKfDefRepos("kind: KfDef\n")).toEqual([]);
    expect(parseKfDefRepos("spec:\n  repos:\n")).toEqual([]);
    expect(parseKfDefRepos("")).toEqual([]);
    expect(() => parseKfDefRepos("spec:\n  repos: {a: b}\n", "k.yaml")).toThrow("k.yaml: spec.repos must be a list");
    expect(() => parseKfDefRepos("spec:\n  repos: [x]\n")).toThrow("spec.repos[0] must be a mapping");
    expect(() => parseKfDefRepos("spec:\n  repos: [{name: [a]}]\n")).toThrow("spec.repos[0].name must be a string");
    expect(() => parseKfDefRepos("spec: [\n")).toThrow(/KfDef: /);
  });
});

describe("classifyUri", () => {
  const base = "/kf/app";
  it("names the three supported forms", () => {
    expect(classifyUri("manifests", base)).toEqual({ kind: "dir", path: "/kf/app/manifests" });
    expect(classifyUri("/abs/dir", base)).toEqual({ kind: "dir", path: "/abs/dir" });
    expect(classifyUri("../m.tar.gz", base)).toEqual({ kind: "tarball", path: "/kf/m.tar.gz" });
    expect(classifyUri("file:///opt/mapr/manifests.tar.gz", base)).toEqual({ kind: "tarball", path: "/opt/mapr/manifests.tar.gz" });
    expect(classifyUri("file:///opt/x.TGZ", base)).toEqual({ kind: "tarball", path: "/opt/x.TGZ" });
    expect(classifyUri("file:///opt/dir", base)).toEqual({ kind: "dir", path: "/opt/dir" });
    expect(classifyUri("https://github.com/kubeflow/manifests/archive/v1.2.0.tar.gz", base)).toEqual({
      kind: "http",
      url: "https://github.com/kubeflow/manifests/archive/v1.2.0.tar.gz",
    });
    expect(classifyUri("HTTP://127.0.0.1:8080/x", base)).toEqual({ kind: "http", url: "http://127.0.0.1:8080/x" });
  });

  it("refuses anything else clearly", () => {
    expect(() => classifyUri("", base)).toThrow(/no uri/);
    expect(() => classifyUri("s3://bucket/x.tgz", base)).toThrow('uri s3://bucket/x.tgz: unsupported scheme "s3:"');
    expect(() => classifyUri("git@github.com:kubeflow/manifests.git", base)).toThrow(/git remotes are not supported/);
    expect(() => classifyUri("file://host/x.tgz", base)).toThrow(/not a valid file URL/);
    expect(() => classifyUri("https://", base)).toThrow(/not a valid URL|no host/);
  });
});
