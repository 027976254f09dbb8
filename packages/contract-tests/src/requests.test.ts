/**
 * The client under test: for every operation of every document, the requests of requests.ts sent
 * through `createKapsoClient` exactly as a user calls it (`kapso.GET(path, { params, body })`). Three checks:
 * - the mock validates every request against the spec and answers 422 naming the problem when what
 *   the client sent does not match it (query styles, formats, bounds, path encoding, bodies);
 * - the request as it left the client, read back the way a server following the spec reads it
 *   (wire.ts), is what the caller passed, which also covers what Prism does not validate;
 * - the answer is a documented success whose body Ajv validates against the spec.
 */
import { unwrap } from "@kapso/client";
import { type Operation, responseFor, responseSchema, successStatuses } from "@kapso/codegen/spec";
import { describe, expect, inject, it } from "vitest";
import { documents } from "./documents.js";
import { binaryMediaType, bodyOf, call, mockClient, operationBaseUrl } from "./harness.js";
import { requestsFor, type SpecRequest } from "./requests.js";
import { responseViolations } from "./validate.js";
import { readRequest } from "./wire.js";

/** The operation's requests, or the reason they cannot be built, reported as a failing test. */
function requestsOrFailure(doc: object, op: Operation): SpecRequest[] {
  try {
    return requestsFor(doc, op);
  } catch (error) {
    it("builds its requests from the spec", () => {
      throw error;
    });
    return [];
  }
}

for (const { name, doc, operations } of documents) {
  const url = inject("kapsoMockUrls")[name] ?? "";
  for (const op of operations.values()) {
    describe(`${name}: ${op.operationId} (${op.method} ${op.path})`, () => {
      for (const request of requestsOrFailure(doc, op)) {
        it(request.title, async () => {
          const { client, sent } = mockClient(url);
          const result = await call(client, doc, op, request);
          const status = result.response.status;
          const body = bodyOf(result);

          expect(successStatuses(op), `the mock answered ${status}: ${JSON.stringify(body)}`).toContain(
            status,
          );

          expect(sent).toHaveLength(1);
          const onTheWire = await readRequest(doc, op, operationBaseUrl(doc, op, url), sent[0] as Request);
          expect(onTheWire, "the request as the spec reads it").toEqual({
            path: request.params.path,
            query: request.params.query,
            body: request.body,
          });

          const binary = binaryMediaType(doc, op, status);
          if (binary) {
            expect(body).toBeInstanceOf(Blob);
            expect(result.response.headers.get("content-type")).toContain(binary);
          } else if (responseSchema(doc, op, status)) {
            expect(responseViolations(doc, op, status, body)).toBe("");
          } else if (responseFor(doc, op, status)) {
            expect(body, `${op.operationId} documents no body for ${status}`).toBeFalsy();
          }
          await expect(unwrap(result)).resolves.toEqual(result.data);
        });
      }
    });
  }
}
