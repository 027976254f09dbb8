// Bundling of the split spec into one document, shared by generation and the breaking-change diff.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Bundles spec/openapi.yaml (or another root file) into one document with components sorted by name. */
export function bundleSpec(entry = join(root, "spec/openapi.yaml")) {
  const dir = mkdtempSync(join(tmpdir(), "kapso-bundle-"));
  try {
    const out = join(dir, "openapi.json");
    execFileSync(join(root, "node_modules/.bin/redocly"), ["bundle", entry, "--ext", "json", "-o", out], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    return sortComponents(JSON.parse(readFileSync(out, "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Component order follows the bundler's traversal; sorting keeps diffs of the shipped spec readable.
function sortComponents(doc) {
  const components = {};
  for (const [kind, entries] of Object.entries(doc.components ?? {})) {
    components[kind] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  }
  return { ...doc, components };
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
