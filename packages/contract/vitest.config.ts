import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One Prism for the whole run (the bin's own embedded mock is started only by the test of it).
      globalSetup: ["../../vitest.mock-setup.ts"],
      // Prism starts in a few seconds on a quiet machine and far slower on a loaded shared one.
      testTimeout: 120_000,
      hookTimeout: 90_000,
    },
  }),
);
