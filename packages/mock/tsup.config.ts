import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig({
  ...packageBuild,
  entry: ["src/index.ts", "src/cli.ts"],
  // The bin imports dist/cli.js; only the library entry needs declarations.
  dts: { entry: "src/index.ts" },
  // import.meta.url locates lib/supervisor.js from the CommonJS build too.
  shims: true,
});
