import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig({
  ...packageBuild,
  // The supervisor is a process of its own, started from dist/supervisor.js; the bin imports
  // dist/cli.js. Only the library entry needs declarations.
  entry: ["src/index.ts", "src/cli.ts", "src/supervisor.ts"],
  dts: { entry: "src/index.ts" },
  // import.meta.url locates dist/supervisor.js from the CommonJS build too.
  shims: true,
});
