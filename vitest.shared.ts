import { defineConfig } from "vitest/config";

// Every package writes a JSON result next to it so `pnpm test` can print one total at the end.
export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: ".vitest-result.json" }]],
    typecheck: { enabled: true, include: ["src/**/*.test.ts"], tsconfig: "./tsconfig.json" },
  },
});
