/**
 * The value model every package shares: what a Kubernetes manifest is after kustomize reads it
 * and round-trips it through JSON. Map keys are always strings; integers that a JS number cannot
 * hold exactly are `bigint`, so that `12345678901234567890` survives unchanged.
 */
export type YamlScalar = string | number | bigint | boolean | null;
export type YamlValue = YamlScalar | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

export function isMap(v: unknown): v is YamlMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
