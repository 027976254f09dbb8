import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

// Used only inside this repository, from TypeScript tests and from plain .mjs scripts: ESM is enough.
export default defineConfig({ ...packageBuild, format: ["esm"] });
