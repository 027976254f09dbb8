/**
 * Invalid requests, generated from the spec's own constraints for every operation: no API key, a
 * non-uuid id in the path, integers outside their bounds, values outside an enum. Each must come
 * back from the mock as a 4xx that `unwrap` turns into a KapsoApiError naming the problem.
 */
import { KapsoApiError, unwrap } from "@kapso/client";
import { deref, type Json as JsonSchema, type Operation, responseSchema } from "@kapso/codegen/spec";
import { describe, expect, inject, it } from "vitest";
import { documents } from "./documents.js";
import { bodyOf, type CallResult, call, mockClient } from "./harness.js";
import { requestsFor } from "./requests.js";
import { responseViolations } from "./validate.js";

interface InvalidInput {
  title: string;
  /** The parameter the error message must name. */
  name: string;
  in: "path" | "query";
  value: unknown;
}

function invalidInputs(doc: object, op: Operation): InvalidInput[] {
  const inputs: InvalidInput[] = [];
  for (const parameter of op.parameters) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    const schema = deref<JsonSchema>(doc, parameter.schema ?? {});
    const where = `${parameter.in} ${parameter.name}`;
    const base = { name: parameter.name, in: parameter.in };
    if (schema.format === "uuid") inputs.push({ ...base, title: `${where} not a uuid`, value: "not-a-uuid" });
    if (typeof schema.minimum === "number") {
      inputs.push({ ...base, title: `${where} below minimum`, value: schema.minimum - 1 });
    }
    if (typeof schema.maximum === "number") {
      inputs.push({ ...base, title: `${where} above maximum`, value: schema.maximum + 1 });
    }
    if (Array.isArray(schema.enum)) {
      inputs.push({ ...base, title: `${where} outside its enum`, value: "not-a-member" });
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test("not matching!")) {
      inputs.push({ ...base, title: `${where} not matching its pattern`, value: "not matching!" });
    }
  }
  return inputs;
}

/** Prism answers a request that fails validation with the documented 422, else 400, else a 422 of its own. */
function validationStatus(op: Operation): number {
  if (op.statuses.includes("422")) return 422;
  if (op.statuses.includes("400")) return 400;
  return 422;
}

async function expectApiError(result: CallResult, status: number): Promise<KapsoApiError> {
  const error = await unwrap(result).catch((e: unknown) => e);
  expect(error, `expected a KapsoApiError, got ${JSON.stringify(bodyOf(result))}`).toBeInstanceOf(
    KapsoApiError,
  );
  expect((error as KapsoApiError).status).toBe(status);
  return error as KapsoApiError;
}

for (const { name, doc, operations } of documents) {
  const url = inject("kapsoMockUrls")[name] ?? "";
  const { client } = mockClient(url);
  const { client: keyless } = mockClient(url, { withoutApiKey: true });
  for (const op of operations.values()) {
    // An operation that needs no key and constrains none of its parameters has nothing to reject here.
    if (!op.requiresAuth && invalidInputs(doc, op).length === 0) continue;
    describe(`${name}: ${op.operationId} rejects`, () => {
      // A valid request around each invalid bit: the generated one that sends only what is required.
      const requests = requestsFor(doc, op);
      const valid = requests[requests.length - 1] ?? { params: { path: {}, query: {} } };

      if (op.requiresAuth) {
        it("a request without X-API-Key: 401", async () => {
          const error = await expectApiError(await call(keyless, doc, op, valid), 401);
          expect(error.message).toMatch(/API key/i);
          if (responseSchema(doc, op, 401)) expect(responseViolations(doc, op, 401, error.body)).toBe("");
        });
      }

      for (const input of invalidInputs(doc, op)) {
        it(`${input.title}: ${validationStatus(op)} naming ${input.name}`, async () => {
          const params = {
            ...valid.params,
            path: { ...valid.params.path },
            query: { ...valid.params.query },
          };
          if (input.in === "path") params.path[input.name] = String(input.value);
          else params.query[input.name] = input.value;
          const status = validationStatus(op);
          const error = await expectApiError(await call(client, doc, op, { ...valid, params }), status);
          expect(error.message).toContain(input.name);
          if (responseSchema(doc, op, status)) {
            expect(responseViolations(doc, op, status, error.body)).toBe("");
          }
        });
      }
    });
  }
}
