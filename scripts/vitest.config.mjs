import { defineConfig } from "vitest/config";
import { ensureBuilt } from "./lib/ensure-built.mjs";

// The spec library comes from @kapso/codegen's dist: built here, once, before any worker imports it.
ensureBuilt("packages/codegen");

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.test.mjs"],
    reporters: ["default", ["json", { outputFile: ".vitest-result.json" }]],
  },
});
