export { bundleSpec } from "./bundle.js";
export { CodegenError } from "./errors.js";
export { type StaleFile, staleFiles, writeFiles } from "./files.js";
export {
  BUNDLE_FILES,
  type Generated,
  type GeneratedFiles,
  type GenerateOptions,
  generate,
  TYPE_FILES,
} from "./generate.js";
export { type ApiArea, apiAreas, LIST_STYLES, type ListStyle, listStyle } from "./list-style.js";
