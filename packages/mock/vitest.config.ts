import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The supervisor runs from dist/: build it first when the sources are newer.
      globalSetup: ["./build-before-tests.ts"],
      // Most tests start a real Prism (1-3 s on a small machine), hence the generous timeouts.
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  }),
);
