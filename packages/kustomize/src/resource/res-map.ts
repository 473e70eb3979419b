import { KustomizeError } from "../errors.js";
import { type ResId, resIdString } from "./res-id.js";
import type { Resource } from "./resource.js";
import { effectiveNamespace } from "./scope.js";

/** kustomize's ResId.Equals: same gvk and name, namespaces equal after defaulting. */
export function sameId(a: ResId, b: ResId): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.group === b.group &&
    a.version === b.version &&
    effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** Same resource ignoring version (kustomize's GvknEquals on group/kind/name). */
export function sameIdIgnoringVersion(a: ResId, b: ResId): boolean {
  return (
    a.name === b.name && a.kind === b.kind && a.group === b.group && effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** An ordered set of resources, unique by current id. Order is insertion order until sorted. */
export class ResMap {
  private list: Resource[] = [];

  get size(): number {
    return this.list.length;
  }

  resources(): Resource[] {
    return this.list;
  }

  /** Adds a resource; refuses one whose current id is already present. */
  append(r: Resource): void {
    const id = r.id();
    const clash = this.list.find((x) => sameId(x.id(), id));
    if (clash) {
      throw new KustomizeError(
        "ID_CONFLICT",
        `may not add resource with an already registered id: ${resIdString(id)}`,
      );
    }
    this.list.push(r);
  }

  appendAll(other: ResMap | Resource[]): void {
    for (const r of other instanceof ResMap ? other.list : other) this.append(r);
  }

  replaceAll(resources: Resource[]): void {
    this.list = resources;
  }

  remove(r: Resource): void {
    const i = this.list.indexOf(r);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Replaces `old` with `next` at the same position. */
  replace(old: Resource, next: Resource): void {
    const i = this.list.indexOf(old);
    if (i < 0) throw new Error("replace: resource not in map");
    this.list[i] = next;
  }

  byCurrentId(id: ResId): Resource[] {
    return this.list.filter((r) => sameId(r.id(), id));
  }

  /** Resources whose current id or any previous id matches (kustomize's GetMatchingResourcesByAnyId). */
  byAnyId(id: ResId): Resource[] {
    return this.list.filter((r) => sameId(r.id(), id) || r.prevIds.some((p) => sameId(p, id)));
  }

  clone(): ResMap {
    const m = new ResMap();
    m.list = this.list.map((r) => r.clone());
    return m;
  }
}
