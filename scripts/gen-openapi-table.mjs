#!/usr/bin/env node
// Derives the built-in OpenAPI table that strategic merge patches consult from the Kubernetes
// 1.21.2 bundle in ../shared (the schema kustomize v5.5 compiles in). Only what kyaml's merge walker
// reads survives: properties, additionalProperties, array items, $ref, and the patch extensions.
// Descriptions, formats and validation go, which shrinks ~1.3 MB of JSON to the committed table.
//
//   node scripts/gen-openapi-table.mjs           write packages/kustomize/src/openapi/k8s-v1.21.2.json
//   node scripts/gen-openapi-table.mjs --check   exit 1 when the committed table is stale
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(repo, "..", "shared", "openapi", "kubernetes-openapi-union-v1.21.2.bundle-v1.json.gz");
const TARGET = join(repo, "packages", "kustomize", "src", "openapi", "k8s-v1.21.2.json");
const REF_PREFIX = "#/definitions/";

/** The subset of one schema node that merging needs; `$ref` nodes keep only the reference. */
function compact(node) {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return {};
  if (typeof node.$ref === "string") {
    return { $ref: node.$ref.startsWith(REF_PREFIX) ? node.$ref.slice(REF_PREFIX.length) : node.$ref };
  }
  const out = {};
  const type = Array.isArray(node.type) && node.type.length === 1 ? node.type[0] : node.type;
  // kyaml only asks whether a node is an array (to find its elements' schema).
  if (type === "array") out.type = "array";
  if (node.properties && typeof node.properties === "object") {
    out.properties = {};
    for (const name of Object.keys(node.properties).sort()) {
      const prop = node.properties[name];
      // A scalar field never holds a map or list, so a missing schema for it walks the same.
      if (isScalar(prop)) continue;
      out.properties[name] = compact(prop);
    }
  }
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    out.additionalProperties = compact(node.additionalProperties);
  }
  if (out.type === "array" && node.items && typeof node.items === "object" && !Array.isArray(node.items)) {
    out.items = compact(node.items);
  }
  const strategy = node["x-kubernetes-patch-strategy"];
  if (typeof strategy === "string") {
    // Merge keys matter only where a strategy is declared (kyaml ignores them otherwise).
    out["x-kubernetes-patch-strategy"] = strategy;
    if (typeof node["x-kubernetes-patch-merge-key"] === "string") {
      out["x-kubernetes-patch-merge-key"] = node["x-kubernetes-patch-merge-key"];
    }
    if (Array.isArray(node["x-kubernetes-list-map-keys"])) {
      out["x-kubernetes-list-map-keys"] = node["x-kubernetes-list-map-keys"];
    }
  }
  return out;
}

const SCALAR_TYPES = new Set(["string", "integer", "number", "boolean"]);

function isScalar(node) {
  return (
    node !== null &&
    typeof node === "object" &&
    SCALAR_TYPES.has(node.type) &&
    node.$ref === undefined &&
    node.properties === undefined &&
    node.additionalProperties === undefined &&
    node["x-kubernetes-int-or-string"] === undefined
  );
}

function apiVersionOf(gvk) {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

function generate() {
  const bundle = JSON.parse(gunzipSync(readFileSync(SOURCE)).toString("utf8"));
  const definitions = {};
  const gvks = {};
  for (const name of Object.keys(bundle.definitions).sort()) {
    const def = bundle.definitions[name];
    definitions[name] = compact(def);
    for (const gvk of def["x-kubernetes-group-version-kind"] ?? []) {
      gvks[`${apiVersionOf(gvk)} ${gvk.kind}`] = name;
    }
  }
  // The bundle's own resource index must agree with the GVK extensions kyaml indexes by.
  for (const r of bundle.resources ?? []) {
    const key = `${r.apiVersion} ${r.kind}`;
    if (gvks[key] !== r.definition) {
      throw new Error(`bundle resource ${key} -> ${r.definition} disagrees with GVK index (${gvks[key]})`);
    }
  }
  const sortedGvks = {};
  for (const k of Object.keys(gvks).sort()) sortedGvks[k] = gvks[k];
  const table = { version: bundle.coverage?.ceiling ?? "v1.21.2", gvks: sortedGvks, definitions };
  return JSON.stringify(table) + "\n";
}

const text = generate();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(TARGET, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${TARGET} is stale: run pnpm gen:openapi`);
    process.exit(1);
  }
  console.log("openapi table is up to date");
} else {
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET} (${text.length} bytes)`);
}
