import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The end-to-end tests start kapso-mock as a child process, which takes seconds on a loaded machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000 } }));
