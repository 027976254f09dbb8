import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig({
  ...packageBuild,
  // The bin imports dist/cli.js; only the library entry needs declarations.
  entry: ["src/index.ts", "src/cli.ts"],
  dts: { entry: "src/index.ts" },
  // import.meta.url (read by the spec lookup) works in the CommonJS build too.
  shims: true,
});
