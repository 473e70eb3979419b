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
  /**
   * Resources by name and kind, for the duplicate check of a run of appends (merging a base into
   * its parent appends hundreds). Dropped whenever the resources are handed out, since a
   * transformer may rename them.
   */
  private byName: Map<string, Resource[]> | undefined;

  get size(): number {
    return this.list.length;
  }

  resources(): Resource[] {
    this.byName = undefined;
    return this.list;
  }

  /** Adds a resource; refuses one whose current id is already present. */
  append(r: Resource): void {
    const id = r.id();
    const index = (this.byName ??= this.indexByName());
    const key = nameKey(id);
    if (index.get(key)?.some((x) => sameId(x.id(), id))) {
      throw new KustomizeError(
        "ID_CONFLICT",
        `may not add resource with an already registered id: ${resIdString(id)}`,
      );
    }
    pushTo(index, key, r);
    this.list.push(r);
  }

  private indexByName(): Map<string, Resource[]> {
    const index = new Map<string, Resource[]>();
    for (const x of this.list) pushTo(index, nameKey(x.id()), x);
    return index;
  }

  appendAll(other: ResMap | Resource[]): void {
    for (const r of other instanceof ResMap ? other.list : other) this.append(r);
  }

  replaceAll(resources: Resource[]): void {
    this.byName = undefined;
    this.list = resources;
  }

  remove(r: Resource): void {
    this.byName = undefined;
    const i = this.list.indexOf(r);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Replaces `old` with `next` at the same position. */
  replace(old: Resource, next: Resource): void {
    this.byName = undefined;
    const i = this.list.indexOf(old);
    if (i < 0) throw new Error("replace: resource not in map");
    this.list[i] = next;
  }

  byCurrentId(id: ResId): Resource[] {
    this.byName = undefined;
    return this.list.filter((r) => sameId(r.id(), id));
  }

  /** Resources whose current id or any previous id matches (kustomize's GetMatchingResourcesByAnyId). */
  byAnyId(id: ResId): Resource[] {
    this.byName = undefined;
    return this.list.filter((r) => sameId(r.id(), id) || r.prevIds.some((p) => sameId(p, id)));
  }

  /**
   * An index for a run of `byAnyId` lookups (one per patch of a kustomization) that would each
   * scan the whole map. Valid while only the resources it is told about change: call `update`
   * after changing one, `remove` after removing one.
   */
  anyIdIndex(): AnyIdIndex {
    return new AnyIdIndex(this.list);
  }

  clone(): ResMap {
    const m = new ResMap();
    m.list = this.list.map((r) => r.clone());
    return m;
  }
}

function nameKey(id: ResId): string {
  return `${id.kind}\u0000${id.name}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Resources by every name they have had; lookups check the full id (see ResMap.anyIdIndex). */
export class AnyIdIndex {
  private readonly byName = new Map<string, Set<Resource>>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) this.update(r);
  }

  update(r: Resource): void {
    this.add(r.name, r);
    for (const p of r.prevIds) this.add(p.name, r);
  }

  remove(r: Resource): void {
    for (const set of this.byName.values()) set.delete(r);
  }

  /** As `ResMap.byAnyId` (order aside: callers only count the matches). */
  byAnyId(id: ResId): Resource[] {
    const candidates = this.byName.get(id.name);
    if (!candidates) return [];
    const out: Resource[] = [];
    for (const r of candidates) if (sameId(r.id(), id) || r.prevIds.some((p) => sameId(p, id))) out.push(r);
    return out;
  }

  private add(name: string, r: Resource): void {
    const set = this.byName.get(name);
    if (set) set.add(r);
    else this.byName.set(name, new Set([r]));
  }
}
