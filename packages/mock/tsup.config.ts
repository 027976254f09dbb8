import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  // The bin imports dist/cli.js; only the library entry needs declarations.
  dts: { entry: "src/index.ts" },
  // import.meta.url locates lib/supervisor.js from the CommonJS build too.
  shims: true,
  clean: true,
  target: "es2022",
});
