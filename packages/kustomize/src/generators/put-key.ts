import type { YamlMap, YamlValue } from "@kfrender/yaml";

/** Sets `key` as an own property even when it is `__proto__` (a legal ConfigMap key). */
export function putKey(target: YamlMap | Record<string, string>, key: string, value: YamlValue): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as YamlMap)[key] = value;
}
