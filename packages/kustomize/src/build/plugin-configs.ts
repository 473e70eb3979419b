import { isMap, parseAllDocuments } from "@kfrender/yaml";
import { KustomizeError } from "../errors.js";
import type { FileLoader } from "../loader/file-loader.js";
import { resourcesFromValues } from "../resource/read-resources.js";
import type { Resource } from "../resource/resource.js";

/**
 * The configs listed in `transformers:` / `generators:` / `validators:`: each entry is inline YAML
 * (one or more configs), a file, or a kustomization directory whose output is configs.
 */
export function loadPluginConfigs(loader: FileLoader, entries: string[], field: string, file: string): Resource[] {
  const out: Resource[] = [];
  for (const entry of entries) {
    if (entry.includes("\n") || /^\s*(apiVersion|kind)\s*:/.test(entry)) {
      out.push(...resourcesFromValues(parseAllDocuments(entry, { file }), file));
      continue;
    }
    if (loader.fs.isDirectory(`${loader.root}/${entry}`)) {
      throw new KustomizeError("UNSUPPORTED", `${field}: a directory of plugin configs ('${entry}') is not supported by kfrender`, file);
    }
    const text = loader.readFile(entry);
    out.push(...resourcesFromValues(parseAllDocuments(text, { file: loader.resolvePath(entry) }), loader.resolvePath(entry)));
  }
  return out;
}

export function notSupported(r: Resource, field: string, file: string): KustomizeError {
  const builtin = isMap(r.obj) && /^(builtin|kustomize\.config\.k8s\.io\/)/.test(r.apiVersion);
  return new KustomizeError(
    "UNSUPPORTED",
    builtin
      ? `${field}: builtin ${r.kind} is not supported by kfrender (${file})`
      : `${field}: ${r.apiVersion}/${r.kind} '${r.name}' is an exec, container or Go plugin; kfrender does not run plugins (${file})`,
    file,
  );
}

/** A kustomization field kfrender refuses (helm charts, validators). */
export function unsupported(what: string, file: string): KustomizeError {
  return new KustomizeError("UNSUPPORTED", `${what} is not supported by kfrender (${file})`, file);
}
