import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { cloneYaml, isMap } from "@kfrender/yaml";
import { type ResId, parseApiVersion } from "./res-id.js";

export type GeneratorBehavior = "create" | "merge" | "replace";

/**
 * One manifest plus the bookkeeping kustomize keeps beside it (kustomize stores these as internal
 * annotations; here they are plain fields, never emitted).
 */
export class Resource {
  /** Ids this resource had before each rename, oldest first (prefix/suffix, namespace, hash, patches). */
  prevIds: ResId[] = [];
  /** For generated ConfigMaps/Secrets: how it combines with a same-named resource from a base. */
  behavior?: GeneratorBehavior;
  /** A generated ConfigMap/Secret whose name gets the content-hash suffix at the end of the build. */
  needsHashSuffix = false;
  /** Ids of the resources whose fields refer to this one (kustomize's refBy). */
  refBy: ResId[] = [];
  /** Non-empty name prefixes/suffixes applied so far, innermost first (used to pick name-reference targets). */
  namePrefixes: string[] = [];
  nameSuffixes: string[] = [];
  /** Var names this resource's fields reference, resolved at the end of the build. */
  refVarNames: string[] = [];

  constructor(public obj: YamlMap) {}

  get apiVersion(): string {
    const v = this.obj.apiVersion;
    return typeof v === "string" ? v : "";
  }
  get kind(): string {
    const v = this.obj.kind;
    return typeof v === "string" ? v : "";
  }
  get metadata(): YamlMap | undefined {
    const m = this.obj.metadata;
    return isMap(m) ? m : undefined;
  }
  get name(): string {
    const v = this.metadata?.name;
    // kustomize reads a name from the scalar's text: `name: 123` is the name "123".
    return typeof v === "string" ? v : isScalarName(v) ? String(v) : "";
  }
  get namespace(): string {
    const v = this.metadata?.namespace;
    return typeof v === "string" ? v : "";
  }

  /** The id as the resource stands now (shared between calls while it stays the same: never modify it). */
  id(): ResId {
    const apiVersion = this.apiVersion;
    const kind = this.kind;
    const name = this.name;
    const namespace = this.namespace;
    const last = this.lastId;
    if (last !== undefined && this.lastApiVersion === apiVersion && last.kind === kind && last.name === name && last.namespace === namespace) {
      return last;
    }
    const { group, version } = parseApiVersion(apiVersion);
    this.lastApiVersion = apiVersion;
    return (this.lastId = { group, version, kind, name, namespace });
  }
  private lastId?: ResId;
  private lastApiVersion?: string;

  /** The id the resource was first loaded or generated with. */
  orgId(): ResId {
    return this.prevIds[0] ?? this.id();
  }

  /** Call before changing name, namespace or kind, so name references can still find it. */
  storePreviousId(): void {
    this.prevIds.push(this.id());
  }

  ensureMetadata(): YamlMap {
    let m = this.obj.metadata;
    if (!isMap(m)) this.obj.metadata = m = {};
    return m;
  }

  setName(name: string): void {
    this.ensureMetadata().name = name;
  }

  setNamespace(namespace: string): void {
    this.ensureMetadata().namespace = namespace;
  }

  labels(): Record<string, YamlValue> {
    const l = this.metadata?.labels;
    return isMap(l) ? l : {};
  }

  annotations(): Record<string, YamlValue> {
    const a = this.metadata?.annotations;
    return isMap(a) ? a : {};
  }

  /** A deep copy of the manifest with the bookkeeping copied alongside. */
  clone(): Resource {
    const r = new Resource(cloneYaml(this.obj));
    r.prevIds = this.prevIds.slice();
    r.behavior = this.behavior;
    r.needsHashSuffix = this.needsHashSuffix;
    r.refBy = this.refBy.slice();
    r.namePrefixes = this.namePrefixes.slice();
    r.nameSuffixes = this.nameSuffixes.slice();
    r.refVarNames = this.refVarNames.slice();
    return r;
  }
}

/** A non-string scalar kustomize still takes as a name (numbers, booleans). */
export function isScalarName(v: unknown): v is number | bigint | boolean {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";
}
