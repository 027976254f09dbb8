#!/usr/bin/env node
import { fileURLToPath } from "node:url";
// The size budget of @kapso/client + @kapso/pagination: both bundled by esbuild, minified and
// gzipped, openapi-fetch left external (it is the one runtime dependency, and a user of openapi-fetch
// has it already). `node scripts/bench/size.mjs --check` fails when the bundle is over the budget;
// `pnpm test` runs it after the build. `pnpm bench` reports the same numbers in its size section.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "../lib/spec.mjs";
import { BUDGETS } from "./budget.mjs";

export async function size() {
  const measure = async (external) => {
    const out = await build({
      stdin: {
        contents: 'export * from "@kapso/client"; export * from "@kapso/pagination";',
        resolveDir: root,
        loader: "js",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      external,
      write: false,
      logLevel: "silent",
    });
    const code = out.outputFiles[0].contents;
    return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const without = await measure(["openapi-fetch"]);
  const withFetch = await measure([]);
  return {
    withoutOpenapiFetch: without,
    withOpenapiFetch: withFetch,
    openapiFetchGzip: withFetch.gzip - without.gzip,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { withoutOpenapiFetch, openapiFetchGzip } = await size();
  console.log(
    `@kapso/client + @kapso/pagination: ${withoutOpenapiFetch.gzip} B min+gzip (${withoutOpenapiFetch.minified} B min), ` +
      `budget ${BUDGETS.sizeBytes} B; openapi-fetch adds ${openapiFetchGzip} B`,
  );
  if (process.argv.includes("--check") && withoutOpenapiFetch.gzip > BUDGETS.sizeBytes) {
    console.error(`size budget exceeded: ${withoutOpenapiFetch.gzip} B > ${BUDGETS.sizeBytes} B min+gzip`);
    process.exit(1);
  }
}
