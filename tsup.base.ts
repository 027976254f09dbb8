import type { Options } from "tsup";

/** Every published package ships ESM and CommonJS with declarations for both, for Node 20+. */
export const packageBuild = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
} satisfies Options;
