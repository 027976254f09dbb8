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
  // The spec library is compiled in, so reading a document the way the generator does adds nothing
  // to an install (@kapso/codegen's own dependencies are the generator's, not the mock's).
  noExternal: [/^@kapso\/codegen/],
  // Reached only by the library's bundler, which the mock never calls.
  external: ["@redocly/openapi-core"],
});
