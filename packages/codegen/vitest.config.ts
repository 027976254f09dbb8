import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The tests run the built bin, as users do: build it first when the sources are newer.
      globalSetup: ["../../scripts/lib/ensure-built.mjs"],
      // Each test runs the bin and tsc as child processes; on a loaded shared machine a type check of
      // the shipped spec's types takes tens of seconds.
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  }),
);
