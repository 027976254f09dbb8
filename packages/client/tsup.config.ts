import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

// Two entry points: the client (`@kapso/client`) and the Meta proxy's media helpers
// (`@kapso/client/media`), which only programs that upload or download files load. The media entry
// imports the client by package name, left external, so there is one copy of the client and of its
// error classes whichever entries a program loads.
export default defineConfig({
  ...packageBuild,
  entry: { index: "src/index.ts", media: "src/media.ts" },
  external: ["@kapso/client"],
});
