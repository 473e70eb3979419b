// Builders for the in-memory trees the transformer tests build: most cases are one
// kustomization over one resource file, or an overlay over a few such bases, and spelling out
// the `resources:` lists and file names in every case hid what each case is about.

/** File path (relative to the tree's root) to file content. */
export type Tree = Record<string, string>;

/** One kustomization directory. */
export interface KustomizationDir {
  /** The kustomization's own fields (YAML), written before its `configurations:` and `resources:`. */
  fields?: string;
  /** `c.yaml`, listed under `configurations:` when given. */
  config?: string;
  /** `r.yaml`, the directory's only resource file. */
  resources: string;
}

const asLines = (fields = "") => (fields === "" || fields.endsWith("\n") ? fields : `${fields}\n`);

/** The files of one kustomization directory, at the root or under `at`. */
export function kustomizationTree(dir: KustomizationDir, at = ""): Tree {
  const file = (name: string) => (at ? `${at}/${name}` : name);
  const configurations = dir.config === undefined ? "" : "configurations:\n- c.yaml\n";
  const tree: Tree = {
    [file("kustomization.yaml")]: `${asLines(dir.fields)}${configurations}resources:\n- r.yaml\n`,
    [file("r.yaml")]: dir.resources,
  };
  if (dir.config !== undefined) tree[file("c.yaml")] = dir.config;
  return tree;
}

/** A root kustomization holding `fields` over the bases, each a directory of its own name. */
export function overlayTree(fields: string, bases: Record<string, KustomizationDir>): Tree {
  const list = Object.keys(bases).map((name) => `- ${name}\n`).join("");
  const tree: Tree = { "kustomization.yaml": `${asLines(fields)}resources:\n${list}` };
  for (const [name, dir] of Object.entries(bases)) Object.assign(tree, kustomizationTree(dir, name));
  return tree;
}

/** Joins YAML documents (each ending in a newline) into one multi-document stream. */
export function docs(...documents: string[]): string {
  return documents.join("---\n");
}

/** A document with nothing but `apiVersion`, `kind` and `metadata.name`. */
export function bareObject(apiVersion: string, kind: string, name: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
}
