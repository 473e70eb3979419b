import { type YamlMap, type YamlValue, isMap, parseAllDocuments, stringifyResource } from "@kfrender/yaml";

/**
 * Applies `edit` to one printed document; when it reports a change, the document is printed again
 * as kustomize prints resources (kustomize sorts keys, so where the edit inserted does not matter).
 * Unchanged documents keep their exact bytes.
 */
export function editDocument(text: string, edit: (doc: YamlMap) => boolean): string {
  const [doc] = parseAllDocuments(text);
  if (!isMap(doc ?? null)) return text;
  return edit(doc as YamlMap) ? stringifyResource(doc as YamlValue) : text;
}
