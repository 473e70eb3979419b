import { ApplyError } from "./errors.js";
import { type Transport, serverMessage } from "./transport.js";

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/**
 * Kind → REST resource, from the server's discovery documents, fetched per group-version on first
 * use and cached until invalidated (after a CRD is Established, or while waiting for a kind).
 */
export class Discovery {
  private readonly byGroupVersion = new Map<string, Promise<Map<string, ResourceInfo>>>();
  private readonly preferred = new Map<string, Promise<string | undefined>>();

  constructor(private readonly transport: Transport) {}

  lookup(group: string, version: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.groupVersion(group, version).then((m) => m.get(kind));
  }

  invalidate(group: string, version?: string): void {
    for (const key of [...this.byGroupVersion.keys()]) {
      if (key === `${group}/${version}` || (version === undefined && key.startsWith(`${group}/`))) this.byGroupVersion.delete(key);
    }
    this.preferred.delete(group);
  }

  /** The version a group serves by preference; undefined when the server does not know the group. */
  preferredVersion(group: string): Promise<string | undefined> {
    if (group === "") return Promise.resolve("v1");
    let p = this.preferred.get(group);
    if (!p) {
      p = this.transport.request({ method: "GET", path: `/apis/${group}` }).then((res) => {
        if (res.status === 404) return undefined;
        if (res.status !== 200) throw new ApplyError("SERVER", `discovery of group ${group} failed: ${serverMessage(res)}`);
        const doc = JSON.parse(res.body) as { preferredVersion?: { version?: string }; versions?: { version: string }[] };
        return doc.preferredVersion?.version ?? doc.versions?.[0]?.version;
      });
      p.catch(() => this.preferred.delete(group));
      this.preferred.set(group, p);
    }
    return p;
  }

  private groupVersion(group: string, version: string): Promise<Map<string, ResourceInfo>> {
    const key = `${group}/${version}`;
    let p = this.byGroupVersion.get(key);
    if (!p) {
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      p = this.transport.request({ method: "GET", path }).then((res) => {
        const out = new Map<string, ResourceInfo>();
        if (res.status === 404) return out;
        if (res.status !== 200) throw new ApplyError("SERVER", `discovery of ${key} failed: ${serverMessage(res)}`);
        const list = JSON.parse(res.body) as ApiResourceList;
        for (const r of list.resources ?? []) {
          // Subresources (`deployments/scale`) share the kind of their parent; skip them.
          if (r.name.includes("/") || out.has(r.kind)) continue;
          out.set(r.kind, { group, version, kind: r.kind, plural: r.name, namespaced: r.namespaced });
        }
        return out;
      });
      p.catch(() => this.byGroupVersion.delete(key));
      this.byGroupVersion.set(key, p);
    }
    return p;
  }
}
