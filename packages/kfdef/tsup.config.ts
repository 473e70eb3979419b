// The shared library build (../../tsup.base.ts).
export { libraryConfig as default } from "../../tsup.base.js";
