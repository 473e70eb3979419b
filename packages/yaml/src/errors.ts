/** A YAML document kustomize would refuse: bad syntax, duplicate keys, or a value it cannot print. */
export class YamlError extends Error {
  override readonly name = "YamlError";
  constructor(
    message: string,
    readonly file?: string,
    /** 1-based line of the problem, when known. */
    readonly line?: number,
  ) {
    super(file ? `${message} in File: ${file}` : message);
  }
}
