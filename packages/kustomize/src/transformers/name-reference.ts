import { isMap, type YamlMap, type YamlValue } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { type GvkSelector, isSelected } from "../fieldspecs/gvk-match.js";
import type { TransformerConfig } from "../fieldspecs/transformer-config.js";
import { resIdString } from "../resource/res-id.js";
import type { ResMap } from "../resource/res-map.js";
import type { Resource } from "../resource/resource.js";
import { effectiveNamespace, isClusterScoped } from "../resource/scope.js";
import type { FieldSpec } from "../types/kustomization.js";
import { scalarText } from "./apply-field-specs.js";
import { FieldPathError, type FieldParent, walkFieldPath } from "./field-path.js";

/** One referrer field of one resource, and the kind of object it names. */
interface RefField {
  spec: FieldSpec;
  target: GvkSelector;
}

const CLUSTER = "~cluster";

/**
 * Indexes over the whole ResMap, built once: resources by every previous name, and by original
 * and current effective namespace. Candidate lists keep ResMap order, which decides which
 * referral wins when several identical ones remain.
 */
class Index {
  readonly byPrevName = new Map<string, Resource[]>();
  readonly byOrgNs = new Map<string, Resource[]>();
  readonly byCurNs = new Map<string, Resource[]>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      const names = new Set(r.prevIds.map((id) => id.name));
      for (const n of names) push(this.byPrevName, n, r);
      push(this.byOrgNs, effectiveNamespace(r.orgId()), r);
      push(this.byCurNs, effectiveNamespace(r.id()), r);
    }
  }
}

function push(m: Map<string, Resource[]>, k: string, r: Resource): void {
  const l = m.get(k);
  if (l) l.push(r);
  else m.set(k, [r]);
}

/**
 * kustomize's SubsetThatCouldBeReferencedByResource, as a membership test: a cluster-scoped
 * referrer sees everything; otherwise cluster-scoped targets, targets in the referrer's
 * namespace and — for a RoleBinding — targets in its ServiceAccount subjects' namespaces.
 */
function reachableFrom(referrer: Resource): (target: Resource) => boolean {
  const refId = referrer.id();
  if (isClusterScoped(refId)) return () => true;
  const refNs = effectiveNamespace(refId);
  const subjectNamespaces = roleBindingSubjectNamespaces(referrer);
  return (target) => {
    const ns = effectiveNamespace(target.id());
    return ns === CLUSTER || ns === refNs || subjectNamespaces.has(target.namespace);
  };
}

function roleBindingSubjectNamespaces(r: Resource): Set<string> {
  const out = new Set<string>();
  if (r.kind !== "RoleBinding" || !Array.isArray(r.obj.subjects)) return out;
  for (const s of r.obj.subjects) {
    if (!isMap(s) || !("namespace" in s) || !("kind" in s) || s.kind !== "ServiceAccount") continue;
    if (typeof s.namespace !== "string") {
      throw new KustomizeError("TRANSFORMER", `Invalid Input: namespace is blank for resource "${resIdString(r.id())}"`);
    }
    out.add(s.namespace);
  }
  return out;
}

/** kustomize's SameEndingSubSlice: the shorter list is the tail of the longer one. */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  for (let i = short.length - 1; i >= 0; i--) if (long[i + diff] !== short[i]) return false;
  return true;
}

function affixesMatch(a: readonly string[], b: readonly string[], allowEmpty: boolean): boolean {
  return (allowEmpty && (a.length === 0 || b.length === 0)) || sameEnding(a, b);
}

/** Updates the name (and, for map-valued fields, namespace) references one referrer holds. */
class ReferrerFixer {
  private readonly reachable: (target: Resource) => boolean;
  private readonly referrerId;
  private readonly referrerClusterScoped: boolean;

  constructor(
    private readonly referrer: Resource,
    private readonly index: Index,
  ) {
    this.reachable = reachableFrom(referrer);
    this.referrerId = referrer.id();
    this.referrerClusterScoped = isClusterScoped(this.referrerId);
  }

  fix(field: RefField): void {
    try {
      walkFieldPath(this.referrer.obj, field.spec.path, {}, (parent, key) => this.set(field, parent, key));
    } catch (e) {
      const where = `updating name reference in '${field.spec.path}' field of '${resIdString(this.referrerId)}'`;
      // kustomize walks the referrer with its fieldspec filter, which refuses a scalar met
      // before the path ends (a Pod whose spec is a string), as every other field spec walk does.
      if (e instanceof FieldPathError) {
        const considering = `considering field '${field.spec.path}' of object ${resIdString(this.referrerId)}`;
        throw new KustomizeError("TRANSFORMER", `${where}: ${considering}: ${e.message}`);
      }
      if (e instanceof KustomizeError) throw new KustomizeError(e.code, `${where}: ${e.message}`);
      throw e;
    }
  }

  private set(field: RefField, parent: FieldParent, key: string | number): void {
    const node = (parent as Record<string | number, YamlValue>)[key];
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (item === null || item === undefined) continue;
        if (Array.isArray(item)) throw new KustomizeError("TRANSFORMER", `${JSON.stringify(item)} is expected to be either a string or a map of string`);
        if (isMap(item)) this.setMapping(field, item);
        else this.setScalar(field, node, i);
      }
      return;
    }
    if (isMap(node)) this.setMapping(field, node);
    else this.setScalar(field, parent, key);
  }

  private setScalar(field: RefField, parent: FieldParent, key: string | number): void {
    const p = parent as Record<string | number, YamlValue>;
    const oldName = scalarText(p[key]);
    const candidates = (this.index.byPrevName.get(oldName) ?? []).filter(this.reachable);
    const referral = this.select(field, candidates, (rs) => rs.every((r) => r.name === rs[0]!.name));
    if (!referral) return;
    referral.refBy.push(this.referrerId);
    if (referral.name !== oldName) p[key] = referral.name;
  }

  /** A `{name, namespace}` map (webhook service, RBAC subject): both come from the referral. */
  private setMapping(field: RefField, node: YamlMap): void {
    if (!("name" in node)) throw new KustomizeError("TRANSFORMER", "path config error; no 'name' field in node");
    const oldName = scalarText(node.name);
    let candidates = (this.index.byPrevName.get(oldName) ?? []).filter(this.reachable);
    if ("namespace" in node) {
      const ns = scalarText(node.namespace);
      const byOrg = (this.index.byOrgNs.get(ns) ?? []).filter(this.reachable);
      const group = ns !== CLUSTER && byOrg.length > 0 ? byOrg : ns !== CLUSTER ? (this.index.byCurNs.get(ns) ?? []) : [];
      const inGroup = new Set(group);
      candidates = candidates.filter((r) => inGroup.has(r));
    }
    const referral = this.select(field, candidates, (rs) =>
      rs.every((r) => r.name === rs[0]!.name && r.namespace === rs[0]!.namespace),
    );
    if (!referral) return;
    referral.refBy.push(this.referrerId);
    if (referral.name === oldName && referral.namespace === "") return;
    node.name = referral.name;
    // An empty namespace is a wildcard here, never written over "default".
    if (referral.namespace !== "") node.namespace = referral.namespace;
  }

  /**
   * kustomize's selectReferral: among resources once named as the field says, keep those of the target
   * kind (and, for a roleRef, of the roleRef's kind) that the referrer's namespace can see;
   * break ties by matching name prefixes/suffixes; several different survivors is an error.
   */
  private select(
    field: RefField,
    candidates: Resource[],
    identical: (rs: Resource[]) => boolean,
  ): Resource | undefined {
    let c = candidates.filter((r) => r.prevIds.some((id) => isSelected(id, field.target)));
    const roleRef = this.roleRefGvk(field);
    if (roleRef) c = c.filter((r) => r.prevIds.some((id) => isSelected(id, roleRef)));
    if (!this.referrerClusterScoped) {
      const refNs = effectiveNamespace(this.referrerId);
      c = c.filter((r) => {
        const id = r.id();
        return isClusterScoped(id) || r.kind === "ServiceAccount" || effectiveNamespace(id) === refNs;
      });
    }
    if (c.length === 1) return c[0];
    // Affixes decide next: first leniently (a side with no prefixes, or no suffixes, matches any),
    // then strictly.
    const ref = this.referrer;
    c = c.filter((r) => affixesMatch(r.namePrefixes, ref.namePrefixes, true) && affixesMatch(r.nameSuffixes, ref.nameSuffixes, true));
    if (c.length === 1) return c[0];
    c = c.filter((r) => affixesMatch(r.namePrefixes, ref.namePrefixes, false) && affixesMatch(r.nameSuffixes, ref.nameSuffixes, false));
    if (c.length === 1) return c[0];
    if (c.length === 0) return undefined;
    if (identical(c)) return c[0];
    throw new KustomizeError(
      "TRANSFORMER",
      ` found multiple possible referrals: ${c.map((r) => resIdString(r.id())).join(", ")}`,
    );
  }

  private roleRefGvk(field: RefField): GvkSelector | undefined {
    if (!field.spec.path.endsWith("roleRef/name")) return undefined;
    const roleRef = this.referrer.obj.roleRef;
    if (!isMap(roleRef)) return undefined;
    const { apiGroup, kind } = roleRef;
    if (apiGroup === undefined || apiGroup === null || kind === undefined || kind === null) return undefined;
    return { group: scalarText(apiGroup), kind: scalarText(kind) };
  }
}

/**
 * kustomize's nameReference transformer, run once after the whole build has renamed things
 * (prefix/suffix, namespace, generator hashes): every field the nameReference table lists is
 * pointed at the current name of the resource it referred to (found through previous ids),
 * and the referral records who refers to it.
 */
export function resolveNameReferences(resMap: ResMap, config: TransformerConfig): void {
  const resources = resMap.resources();
  const fields = new Map<Resource, RefField[]>();
  // Referrers are selected by their original gvk: match each spec once per distinct gvk.
  const byGvk = new Map<string, { gvk: GvkSelector; members: Resource[] }>();
  for (const r of resources) {
    const id = r.orgId();
    const key = `${id.group}/${id.version}/${id.kind}`;
    const group = byGvk.get(key);
    if (group) group.members.push(r);
    else byGvk.set(key, { gvk: id, members: [r] });
  }
  for (const backRef of config.nameReference) {
    const target: GvkSelector = { group: backRef.group, version: backRef.version, kind: backRef.kind };
    for (const spec of backRef.fieldSpecs) {
      for (const { gvk, members } of byGvk.values()) {
        if (!isSelected(gvk, spec)) continue;
        for (const r of members) {
          let list = fields.get(r);
          if (!list) fields.set(r, (list = []));
          list.push({ spec, target });
        }
      }
    }
  }
  if (fields.size === 0) return;
  const index = new Index(resources);
  for (const r of resources) {
    const list = fields.get(r);
    if (!list) continue;
    const fixer = new ReferrerFixer(r, index);
    for (const f of list) fixer.fix(f);
  }
}
