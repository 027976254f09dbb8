/**
 * Where kapso-contract's documents come from: the one shipped in @kapso/types, or a file the user
 * names. The operations, responses and list styles of a document are read with @kapso/codegen's spec
 * library, the walker the generator itself uses, so both read a document the same way.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Json, splitSharedTemplates } from "@kapso/codegen/spec";
import { parse as parseYaml } from "yaml";

/** A bundled OpenAPI document, as {@link loadSpec} reads it; only the parts the checks use are typed. */
export interface Document {
  /** The OpenAPI version the document declares, e.g. `"3.1.0"`. */
  openapi?: string;
  /** The operations by path template, then by lower-case method; {@link loadSpec} ensures it is there. */
  paths?: Record<string, Record<string, unknown>>;
  /** The schemas, responses and parameters the operations `$ref`, by kind and then by name. */
  components?: Record<string, Record<string, unknown>>;
}

/** The document shipped in @kapso/types: what the packages a user compiles against were built from. */
export function shippedSpecPath(): string {
  return createRequire(import.meta.url).resolve("@kapso/types/openapi.json");
}

/**
 * Reads a bundled (single-file) document, JSON or YAML; throws naming the file and the problem. A
 * path that stands for several operations sharing a URL template (the Meta proxy's `/{object_id}`)
 * comes back as those operations, each under its own template (`/{media_id}`, `/{flow_id}`), as
 * callers and the generated types see them.
 */
export function loadSpec(file: string): Document {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read the spec ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `the spec ${file} is not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const paths = (doc as Document | null)?.paths;
  if (!doc || typeof doc !== "object" || !paths || typeof paths !== "object") {
    throw new Error(`the spec ${file} has no "paths": it is not an OpenAPI document`);
  }
  try {
    return splitSharedTemplates(doc as Json) as Document;
  } catch (error) {
    throw new Error(`the spec ${file}: ${(error as Error).message}`);
  }
}
