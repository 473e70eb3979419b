import { isMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError, type KustomizeErrorCode } from "../../errors.js";
import { goRegExp, GoRegexpSyntaxError } from "../../go-regexp.js";
import type { ResId } from "../../resource/res-id.js";
import type { ResMap } from "../../resource/res-map.js";
import type { Resource } from "../../resource/resource.js";
import { isClusterScoped } from "../../resource/scope.js";
import type { Selector } from "../../types/kustomization.js";
import { matchesRequirements, parseSelector, SelectorSyntaxError, type Requirement } from "./label-selector.js";

/**
 * A patch (or replacement) target, compiled once: group, version, kind, name and namespace are
 * regular expressions that must match the whole value; labelSelector and annotationSelector use
 * Kubernetes label-selector syntax. Empty fields match anything. As in kustomize, the name and
 * namespace may match either the resource's original id or its current one, while the
 * group/version/kind and labels are the current ones.
 */
export class CompiledSelector {
  private readonly group?: RegExp;
  private readonly version?: RegExp;
  private readonly kind?: RegExp;
  private readonly name?: RegExp;
  private readonly namespace?: RegExp;
  private readonly labels: Requirement[];
  private readonly annotations: Requirement[];

  constructor(selector: Selector, errorCode: KustomizeErrorCode = "PATCH") {
    const re = (s: string | undefined) => (s ? anchored(s, errorCode) : undefined);
    this.group = re(selector.group);
    this.version = re(selector.version);
    this.kind = re(selector.kind);
    this.name = re(selector.name);
    this.namespace = re(selector.namespace);
    this.labels = requirements(selector.labelSelector, errorCode);
    this.annotations = requirements(selector.annotationSelector, errorCode);
  }

  matches(r: Resource): boolean {
    const cur = r.id();
    const org = r.orgId();
    if (this.namespace && !this.namespace.test(effectiveNamespace(org)) && !this.namespace.test(effectiveNamespace(cur))) {
      return false;
    }
    if (this.name && !this.name.test(org.name) && !this.name.test(cur.name)) return false;
    if (this.group && !this.group.test(cur.group)) return false;
    if (this.version && !this.version.test(cur.version)) return false;
    if (this.kind && !this.kind.test(cur.kind)) return false;
    if (this.labels.length && !matchesRequirements(this.labels, stringMap(r.labels()))) return false;
    if (this.annotations.length && !matchesRequirements(this.annotations, stringMap(r.annotations()))) return false;
    return true;
  }
}

/** Whether `resource` is selected by `selector` (see CompiledSelector). */
export function matchesSelector(resource: Resource, selector: Selector): boolean {
  return new CompiledSelector(selector).matches(resource);
}

/** The resources of `resMap` that `selector` selects, in ResMap order (kustomize's ResMap.Select). */
export function selectResources(resMap: ResMap, selector: Selector, errorCode: KustomizeErrorCode = "PATCH"): Resource[] {
  const compiled = new CompiledSelector(selector, errorCode);
  return resMap.resources().filter((r) => compiled.matches(r));
}

/** kustomize's ResId.EffectiveNamespace as selectors see it. */
function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return "_non_namespaceable_";
  return id.namespace === "" ? "default" : id.namespace;
}

/** A selector field as kustomize compiles it: a Go regular expression matching the whole value. */
function anchored(pattern: string, code: KustomizeErrorCode): RegExp {
  try {
    return goRegExp(`^(?:${pattern})$`);
  } catch (e) {
    if (!(e instanceof GoRegexpSyntaxError)) throw e;
    throw new KustomizeError(code, e.message);
  }
}

function requirements(selector: string | undefined, code: KustomizeErrorCode): Requirement[] {
  if (!selector) return [];
  try {
    return parseSelector(selector);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw new KustomizeError(code, e.message);
    throw e;
  }
}

/** Labels and annotations as kustomize reads them: every value as its text. */
function stringMap(m: Record<string, YamlValue>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    out.set(k, v === null ? "" : typeof v === "object" ? (isMap(v) || Array.isArray(v) ? "" : String(v)) : String(v));
  }
  return out;
}
