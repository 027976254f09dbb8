import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig({
  ...packageBuild,
  // The bin imports dist/cli.js; only the library entry needs declarations. The repository's spec
  // library (scripts/lib/spec.mjs) is a relative import, so it is bundled in and the published
  // package does not need this repository.
  entry: ["src/index.ts", "src/cli.ts"],
  dts: { entry: "src/index.ts" },
  // import.meta.url (read by the spec library and by the spec lookup) works in the CommonJS build too.
  shims: true,
});
