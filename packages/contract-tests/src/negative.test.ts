/**
 * Invalid requests, generated from the spec's own constraints for every operation: no API key, a
 * non-uuid id in the path, integers outside their bounds, values outside an enum. Each must come
 * back from the mock as a 4xx that `unwrap` turns into a KapsoApiError naming the problem.
 */
import { KapsoApiError, unwrap } from "@kapso/client";
import { describe, expect, inject, it } from "vitest";
import { bodyOf, call, mockClient } from "./harness.js";
import {
  deref,
  exampleRequestBody,
  type JsonSchema,
  type Operation,
  operations,
  responseSchema,
  sampleParams,
} from "./spec.js";
import { validateResponse } from "./validate.js";

const url = inject("kapsoMockUrl");
const client = mockClient(url);
const keyless = mockClient(url, { withoutApiKey: true });

interface InvalidInput {
  title: string;
  /** The parameter the error message must name. */
  name: string;
  in: "path" | "query";
  value: unknown;
}

function invalidInputs(op: Operation): InvalidInput[] {
  const inputs: InvalidInput[] = [];
  for (const parameter of op.parameters) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    const schema = deref(parameter.schema ?? {}) as JsonSchema;
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

async function expectApiError(
  result: Awaited<ReturnType<typeof call>>,
  status: number,
): Promise<KapsoApiError> {
  const error = await unwrap(result).catch((e: unknown) => e);
  expect(error, `expected a KapsoApiError, got ${JSON.stringify(bodyOf(result))}`).toBeInstanceOf(
    KapsoApiError,
  );
  expect((error as KapsoApiError).status).toBe(status);
  return error as KapsoApiError;
}

for (const op of operations.values()) {
  describe(`${op.operationId} rejects`, () => {
    const valid = sampleParams(op);
    const body = exampleRequestBody(op);

    if (op.requiresAuth) {
      it("a request without X-API-Key: 401", async () => {
        const result = await call(keyless, op, { params: valid, body });
        const error = await expectApiError(result, 401);
        expect(error.message).toMatch(/API key/i);
        if (responseSchema(op, 401)) expect(validateResponse(op, 401, error.body).errors).toBe("");
      });
    }

    for (const input of invalidInputs(op)) {
      it(`${input.title}: ${validationStatus(op)} naming ${input.name}`, async () => {
        const params = { path: { ...valid.path }, query: { ...valid.query } };
        if (input.in === "path") params.path[input.name] = String(input.value);
        else params.query[input.name] = input.value;
        const status = validationStatus(op);
        const error = await expectApiError(await call(client, op, { params, body }), status);
        expect(error.message).toContain(input.name);
        if (responseSchema(op, status)) expect(validateResponse(op, status, error.body).errors).toBe("");
      });
    }
  });
}
