export type * from "./generated/aliases.js";
export type { components, operations, paths, webhooks } from "./generated/schema.js";
