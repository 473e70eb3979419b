/**
 * A document kustomize would refuse: bad syntax, duplicate keys, or a value it cannot print.
 * `message` is go-yaml's wording (e.g. "yaml: line 8: did not find expected key"); kustomize
 * reports it as `MalformedYAMLError: <message> in File: <file>`.
 */
export class YamlError extends Error {
  override readonly name = "YamlError";
  constructor(
    message: string,
    readonly file?: string,
    /** 1-based line of the problem, when known. */
    readonly line?: number,
  ) {
    super(message);
  }
}
