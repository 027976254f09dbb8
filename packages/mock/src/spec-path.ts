import { createRequire } from "node:module";

/** The OpenAPI document shipped in `@kapso/types`, as served by default. */
export function defaultSpecPath(): string {
  return createRequire(import.meta.url).resolve("@kapso/types/openapi.json");
}
