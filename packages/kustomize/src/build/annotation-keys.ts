import { isMap } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import { nonStringKeyMessage, readsBackAsKey } from "../resource/plain-keys.js";
import { resIdString } from "../resource/res-id.js";
import type { Resource } from "../resource/resource.js";

/**
 * At the end of a build kustomize writes every resource's annotations back as one map, keys
 * plain. A key that then reads back as no string ("1", "true", "~"; quoted in the input) breaks
 * the resource, and kubectl fails. Only the final annotations count: a key a later patch removes,
 * or on a deleted resource, is fine. Labels are not rewritten, "<<" survives here, and local-config
 * resources (dropped from the output) are not checked.
 */
export function requirePlainAnnotationKeys(r: Resource): void {
  const a = r.metadata?.annotations;
  if (!isMap(a)) return;
  for (const k of Object.keys(a)) {
    if (!readsBackAsKey(k, true)) {
      throw new KustomizeError("TRANSFORMER", nonStringKeyMessage(`annotation key ${JSON.stringify(k)} of ${resIdString(r.id())}`));
    }
  }
}
