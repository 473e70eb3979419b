// The operator's instance annotation (spec §9): `kfctl.kubeflow.io/kfdef-instance: <name>.<namespace>`
// on every resource except the profiles.kubeflow.org CRD (which outlives any one KfDef).

import { type YamlMap, isMap } from "@kfrender/yaml";
import { editDocument } from "./document-edit.js";

export const KFDEF_INSTANCE_ANNOTATION = "kfctl.kubeflow.io/kfdef-instance";

function isProfilesCrd(doc: YamlMap): boolean {
  const meta = doc.metadata;
  return doc.kind === "CustomResourceDefinition" && isMap(meta ?? null) && (meta as YamlMap).name === "profiles.kubeflow.org";
}

export function annotateInstance(text: string, instance: string): string {
  return editDocument(text, (doc) => {
    if (isProfilesCrd(doc)) return false;
    let meta = doc.metadata;
    if (!isMap(meta ?? null)) doc.metadata = meta = {};
    const m = meta as YamlMap;
    let ann = m.annotations;
    if (!isMap(ann ?? null)) m.annotations = ann = {};
    const a = ann as YamlMap;
    if (a[KFDEF_INSTANCE_ANNOTATION] === instance) return false;
    a[KFDEF_INSTANCE_ANNOTATION] = instance;
    return true;
  });
}
