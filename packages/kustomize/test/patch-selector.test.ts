import { describe, expect, it } from "vitest";
import { KustomizeError } from "../src/errors.js";
import { matchesSelector, selectResources } from "../src/patch/select/selector.js";
import { matchesRequirements, parseSelector } from "../src/patch/select/label-selector.js";
import { ResMap } from "../src/resource/res-map.js";
import { Resource } from "../src/resource/resource.js";

/** Label-selector syntax and matching follow apimachinery's labels.Parse / Requirement.Matches. */
const labels = (o: Record<string, string>) => new Map(Object.entries(o));
const matches = (selector: string, o: Record<string, string>) => matchesRequirements(parseSelector(selector), labels(o));

describe("label selectors", () => {
  it("matches equality, set and existence requirements, all of which must hold", () => {
    const l = { app: "web", tier: "front", n: "5" };
    expect(matches("", l)).toBe(true);
    expect(matches("app=web", l)).toBe(true);
    expect(matches("app==web,tier=front", l)).toBe(true);
    expect(matches("app=web,tier=back", l)).toBe(false);
    expect(matches("app!=api", l)).toBe(true);
    expect(matches("missing!=x", l)).toBe(true);
    expect(matches("tier in (front, back)", l)).toBe(true);
    expect(matches("tier notin (front)", l)).toBe(false);
    expect(matches("missing notin (x)", l)).toBe(true);
    expect(matches("app", l)).toBe(true);
    expect(matches("!app", l)).toBe(false);
    expect(matches("!missing", l)).toBe(true);
    expect(matches("n>4,n<6", l)).toBe(true);
    expect(matches("n>5", l)).toBe(false);
    expect(matches("app>1", l)).toBe(false);
  });

  it("treats in/notin as words where a value is expected, and empty values as allowed", () => {
    expect(matches("k=in", { k: "in" })).toBe(true);
    expect(matches("k in (notin)", { k: "notin" })).toBe(true);
    expect(matches("k=", { k: "" })).toBe(true);
    expect(matches("k in (,a)", { k: "" })).toBe(true);
    expect(matches("k in ()", { k: "" })).toBe(true);
  });

  it("rejects malformed selectors with apimachinery's wording", () => {
    expect(() => parseSelector("app in (web")).toThrow("unable to parse requirement: found '', expected: ',' or ')'");
    expect(() => parseSelector("app=web,")).toThrow("found '', expected: identifier after ','");
    expect(() => parseSelector("=web")).toThrow("found '=', expected: !, identifier, or 'end of string'");
    expect(() => parseSelector("app web")).toThrow();
    expect(() => parseSelector("k>x")).toThrow("for 'Gt', 'Lt' operators, the value must be an integer");
    expect(() => parseSelector("bad key=1")).toThrow();
    expect(() => parseSelector("k=not valid!")).toThrow();
  });
});

function resource(obj: object): Resource {
  return new Resource(structuredClone(obj) as never);
}

describe("patch targets", () => {
  const cm = resource({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "alpha", labels: { tier: "front" } } });
  const dep = resource({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "alpha-web", namespace: "prod" } });
  const ns = resource({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });

  it("anchors the regular expressions of group, version, kind, name and namespace", () => {
    expect(matchesSelector(cm, { name: "alpha" })).toBe(true);
    expect(matchesSelector(dep, { name: "alpha" })).toBe(false);
    expect(matchesSelector(dep, { name: "alpha.*" })).toBe(true);
    expect(matchesSelector(dep, { kind: "Deploy" })).toBe(false);
    expect(matchesSelector(dep, { group: "apps", version: "v1", kind: "Deployment|StatefulSet" })).toBe(true);
    expect(matchesSelector(cm, { group: "" , version: "v1" })).toBe(true);
    expect(matchesSelector(cm, { group: "apps" })).toBe(false);
  });

  it("sees an unset namespace as default, and cluster-scoped resources as in no namespace", () => {
    expect(matchesSelector(cm, { namespace: "default" })).toBe(true);
    expect(matchesSelector(dep, { namespace: "prod" })).toBe(true);
    expect(matchesSelector(ns, { namespace: "default" })).toBe(false);
    expect(matchesSelector(ns, { namespace: ".*" })).toBe(true);
  });

  it("matches the original name as well as the current one", () => {
    const renamed = resource({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } });
    renamed.storePreviousId();
    renamed.setName("pre-cfg");
    expect(matchesSelector(renamed, { name: "cfg" })).toBe(true);
    expect(matchesSelector(renamed, { name: "pre-cfg" })).toBe(true);
  });

  it("selects in ResMap order and reports a bad expression as a patch error", () => {
    const m = new ResMap();
    m.appendAll([cm, dep, ns]);
    expect(selectResources(m, { labelSelector: "tier=front" })).toEqual([cm]);
    expect(selectResources(m, {})).toEqual([cm, dep, ns]);
    expect(() => selectResources(m, { name: "(" })).toThrow(KustomizeError);
    expect(() => selectResources(m, { labelSelector: "a in (" })).toThrow(KustomizeError);
  });
});
