import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    // As in tsconfig.json: the media entry's `@kapso/client` is this package's source in tests.
    resolve: { alias: { "@kapso/client": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  }),
);
