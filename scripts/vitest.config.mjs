import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.test.mjs"],
    // The spec library comes from @kapso/codegen's dist, built here once rather than by each worker.
    globalSetup: ["./lib/codegen-build.mjs"],
    reporters: ["default", ["json", { outputFile: ".vitest-result.json" }]],
  },
});
