export { formatReport, junitReport, redact, summary } from "./report.js";
export {
  type ContractOptions,
  type ContractReport,
  type IdSource,
  type OperationResult,
  type Problem,
  runContract,
} from "./run.js";
export { type Document, loadSpec, shippedSpecPath } from "./spec.js";
export { ResponseValidator, type Violation } from "./validate.js";
