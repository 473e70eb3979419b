const MAX_HOPS = 40; // Linux's own limit on symlinks followed in one lookup

/**
 * Where following `target` from the directory `fromDir` ends up, resolving every symlink on the
 * way exactly as the kernel would (a `..` after a link applies to the link's target), inside a tree
 * whose links are told by `linkAt` (relative path → link target, or undefined for anything else).
 * Returns the relative path reached, or null when the walk leaves the tree: an absolute target,
 * a `..` above the root, or more than 40 links.
 */
export async function resolveWithin(
  fromDir: readonly string[],
  target: string,
  linkAt: (rel: string) => string | undefined | Promise<string | undefined>,
): Promise<string | null> {
  if (target.startsWith("/")) return null;
  const stack = [...fromDir];
  const queue = target.split("/");
  let hops = 0;
  while (queue.length) {
    const c = queue.shift()!;
    if (c === "" || c === ".") continue;
    if (c === "..") {
      if (stack.length === 0) return null;
      stack.pop();
      continue;
    }
    stack.push(c);
    const link = await linkAt(stack.join("/"));
    if (link === undefined) continue;
    if (++hops > MAX_HOPS || link.startsWith("/")) return null;
    stack.pop();
    queue.unshift(...link.split("/"));
  }
  return stack.join("/");
}
