import type { YamlMap, YamlValue } from "@kfrender/yaml";
import { VALIDATED_BY_LABEL, noteFieldWrite } from "./field-writes.js";

/*
 * kyaml's label and annotation filters make one YAML node per resource and key (filtersutil.SetEntry)
 * and put that same node at every field they add, while kyaml sets a field that already exists by
 * copying into its node (RNode.SetYNode: label and annotation filters, strategic merge patches,
 * replacements). So a later set of one added field shows at all of them: a base's commonLabels add
 * `app` to metadata/labels and the selector, and an overlay's `labels:` without selectors, a patch
 * of metadata/labels or the managed-by label then change the selector too, in kubectl.
 * Values here are plain values, so the sharing is kept on the side: the fields one entry added form
 * a group, and a set through one of them reaches the others that still hold the group's value (a
 * field replaced since by other means, a JSON patch say, has left the group as its node would).
 */

interface SharedNode {
  value: YamlValue;
  fields: [YamlMap, string][];
}

const sharedNodes = new WeakMap<YamlMap, Map<string, SharedNode>>();

/** Sets `map[key]` as kyaml sets an existing field: in its node, so fields sharing it follow. */
export function setInPlace(map: YamlMap, key: string, value: YamlValue): void {
  const node = sharedNodes.get(map)?.get(key);
  if (node === undefined || map[key] !== node.value) {
    map[key] = value;
    return;
  }
  for (const [m, k] of node.fields) if (m[k] === node.value) m[k] = value;
  node.value = value;
}

/** One key/value entry of a label or annotation filter, for one resource: call `set` at each field. */
export class EntrySetter {
  private added: SharedNode | undefined;

  constructor(
    private readonly key: string,
    private readonly value: string,
  ) {}

  set(map: YamlMap): void {
    const { key, value } = this;
    // The one label kustomize's validator check deletes before comparing (see validators-field.ts).
    if (key !== VALIDATED_BY_LABEL) noteFieldWrite();
    if (Object.prototype.hasOwnProperty.call(map, key)) {
      setInPlace(map, key, value);
      return;
    }
    map[key] = value;
    this.added ??= { value, fields: [] };
    this.added.fields.push([map, key]);
    let byKey = sharedNodes.get(map);
    if (byKey === undefined) sharedNodes.set(map, (byKey = new Map()));
    byKey.set(key, this.added);
  }
}
