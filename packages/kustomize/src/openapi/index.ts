export { Schema, type SchemaNode, type ListStrategy } from "./schema.js";
export { builtinSchema, BUILTIN_OPENAPI_VERSION } from "./builtin.js";
export { OpenApiSelection, schemaFromDocument } from "./openapi-field.js";
