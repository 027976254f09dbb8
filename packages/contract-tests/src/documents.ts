/**
 * The OpenAPI documents the suite covers. Each is served by a mock of its own (global-setup.ts) and
 * every test file walks every operation of every document listed here, so covering another document
 * takes one more entry and nothing else.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Json, type Operation, readOperations } from "@kapso/codegen/spec";

const requireHere = createRequire(import.meta.url);

export interface SpecDocument {
  /** Names the document in test titles and in the mock URLs the global setup provides. */
  name: string;
  /** The bundled (single-file) JSON document, as the mock serves it. */
  specPath: string;
  doc: Json;
  /** Keyed by operationId. */
  operations: Map<string, Operation>;
}

function load(name: string, specPath: string): SpecDocument {
  const doc = JSON.parse(readFileSync(specPath, "utf8")) as Json;
  return { name, specPath, doc, operations: readOperations(doc) };
}

export const documents: SpecDocument[] = [load("platform", requireHere.resolve("@kapso/types/openapi.json"))];
