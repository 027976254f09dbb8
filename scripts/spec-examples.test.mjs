// Every body the specs describe has at least one named example: the mock answers with them, the
// contract tests send them, and Redocly (`pnpm spec:lint`) validates each against its schema. A body
// without one would be a body the mock can only invent. Both documents are read as their operations
// are typed (the Meta proxy's shared paths split into their operations).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deref, operations, root, splitSharedTemplates } from "./lib/spec.mjs";

const DOCUMENTS = {
  "Platform API": "packages/types/openapi.json",
  "Meta proxy": "packages/types/whatsapp/openapi.json",
};

function bodiesWithoutExamples(doc) {
  const missing = [];
  for (const [key, { op }] of operations(doc)) {
    const bodies = Object.entries(op.responses ?? {}).map(([status, raw]) => [status, deref(doc, raw)]);
    if (op.requestBody) bodies.push(["request body", deref(doc, op.requestBody)]);
    for (const [where, body] of bodies) {
      for (const [type, media] of Object.entries(body.content ?? {})) {
        if (Object.keys(media.examples ?? {}).length === 0) missing.push(`${key} ${where} ${type}`);
      }
    }
  }
  return missing;
}

describe("every body has a named example", () => {
  it.each(Object.entries(DOCUMENTS))("%s", (_name, file) => {
    const doc = splitSharedTemplates(JSON.parse(readFileSync(join(root, file), "utf8")));
    expect(operations(doc).size).toBeGreaterThan(40);
    expect(bodiesWithoutExamples(doc)).toEqual([]);
  });
});
