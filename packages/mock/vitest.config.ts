import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The supervisor runs from dist/: build it first when the sources are newer.
      globalSetup: ["../../scripts/lib/ensure-built.mjs"],
      // Most tests start a real Prism: 1-3 s on a quiet small machine, past 30 s on a loaded shared one
      // (startKapsoMock's own deadline is 30 s), hence the generous timeouts.
      testTimeout: 90_000,
      hookTimeout: 90_000,
    },
  }),
);
