import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Every test starts a real Prism (1-3 s on a small machine), hence the generous timeouts.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } }));
