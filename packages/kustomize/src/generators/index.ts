export { generateConfigMaps } from "./config-map-generator.js";
export { generateSecrets } from "./secret-generator.js";
export { mergeGeneratorOptions } from "./generator-options.js";
export { appendNameHashes, nameHashSuffix } from "./name-hash.js";
export { mergeGeneratedIntoResMap } from "./merge-generated.js";
export { parseEnvFile } from "./env-file.js";
