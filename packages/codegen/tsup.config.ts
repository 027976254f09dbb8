import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig([
  // The library, and the spec walker on its own entry so scripts that only read documents load
  // neither openapi-typescript nor the bundler.
  { ...packageBuild, entry: ["src/index.ts", "src/spec.ts"] },
  // The bin imports dist/cli.js; Node runs it as ESM, so it needs neither CommonJS nor declarations.
  { ...packageBuild, entry: ["src/cli.ts"], format: ["esm"], dts: false, clean: false },
]);
