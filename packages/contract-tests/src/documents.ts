/**
 * The OpenAPI documents the suite covers. Each is served by a mock of its own (global-setup.ts) and
 * every test file walks every operation of every document listed here, so covering another document
 * takes one more entry and nothing else.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Json, type Operation, readOperations, splitSharedTemplates } from "@kapso/codegen/spec";

const requireHere = createRequire(import.meta.url);

export interface SpecDocument {
  /** Names the document in test titles and in the mock URLs the global setup provides. */
  name: string;
  /** Which of the mock's APIs serves it. */
  api: "platform" | "whatsapp";
  /** The bundled (single-file) JSON document, as the mock serves it. */
  specPath: string;
  /**
   * The document as callers see it: operations that share a URL template in the served document
   * (`/{object_id}`) stand under their own templates (`/{media_id}`), as in the generated types.
   * Requests go to those templates; the mock routes them to the shared path (harness.ts).
   */
  doc: Json;
  /** Keyed by operationId. */
  operations: Map<string, Operation>;
}

function load(name: string, api: SpecDocument["api"], specPath: string): SpecDocument {
  const doc = splitSharedTemplates(JSON.parse(readFileSync(specPath, "utf8")) as Json);
  return { name, api, specPath, doc, operations: readOperations(doc) };
}

export const documents: SpecDocument[] = [
  load("platform", "platform", requireHere.resolve("@kapso/types/openapi.json")),
  load("whatsapp", "whatsapp", requireHere.resolve("@kapso/types/whatsapp/openapi.json")),
];
