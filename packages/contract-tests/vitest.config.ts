import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One Prism for the whole run; test files get its URL through inject("kapsoMockUrl").
      globalSetup: ["src/global-setup.ts"],
      testTimeout: 15_000,
    },
  }),
);
