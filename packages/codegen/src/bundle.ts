// Bundling runs Redocly's bundler as a library (@redocly/openapi-core, which openapi-typescript
// depends on already, so it adds nothing to an install) instead of shelling out to the Redocly CLI,
// a 15 MB download with its own Node engine range.
import { CodegenError } from "./errors.js";
import type { Json } from "./json.js";

/**
 * Bundles a spec (a file path or an http(s) URL, YAML or JSON, split over files or not) into one
 * document whose external `$ref`s become components, with the components of each kind sorted by
 * name so the shipped document diffs readably.
 */
export async function bundleSpec(entry: string): Promise<Json> {
  // Loaded on first use, so code that only walks documents (`@kapso/codegen/spec`) stays light.
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const config = await createConfig({});
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({ ref: entry, config });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Redocly's word for a document that is neither OpenAPI nor another format it knows.
    if (reason.startsWith("Unsupported specification")) throw notOpenApi(entry);
    throw new CodegenError(`cannot read the spec ${entry}: ${reason}`);
  }
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    const where = (problem: (typeof errors)[number]) => {
      const location = problem.location[0];
      return location ? ` (${location.source.absoluteRef} ${location.pointer ?? ""})` : "";
    };
    const listed = errors.map((problem) => `${problem.message}${where(problem)}`).join("; ");
    throw new CodegenError(`cannot bundle the spec ${entry}: ${listed}`);
  }
  const doc = result.bundle.parsed as Json;
  if (!doc || typeof doc !== "object" || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw notOpenApi(entry);
  }
  return sortComponents(doc);
}

function notOpenApi(entry: string): CodegenError {
  return new CodegenError(`${entry} is not an OpenAPI 3 document (no "openapi: 3.x" field)`);
}

// Component order follows the bundler's traversal; sorting keeps diffs of the shipped spec readable.
function sortComponents(doc: Json): Json {
  const components: Record<string, Json> = {};
  for (const [kind, entries] of Object.entries((doc.components as Record<string, Json>) ?? {})) {
    components[kind] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  }
  return { ...doc, components };
}
