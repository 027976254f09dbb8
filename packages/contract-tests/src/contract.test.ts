/** Runs every case of src/cases/ against the mock and checks status and body against the spec. */
import { KapsoApiError, unwrap } from "@kapso/client";
import { describe, expect, inject, it } from "vitest";
import { allCases, caseTitle } from "./cases.js";
import { bodyOf, call, mockClient, preferHeader } from "./harness.js";
import { namedExamples, operations, response, responseSchema } from "./spec.js";
import { validateResponse } from "./validate.js";

const url = inject("kapsoMockUrl");
const client = mockClient(url);
const keyless = mockClient(url, { withoutApiKey: true });

// Map.groupBy needs Node 21.
const byOperation = new Map<string, typeof allCases>();
for (const c of allCases) byOperation.set(c.operationId, [...(byOperation.get(c.operationId) ?? []), c]);

for (const [operationId, cases] of byOperation) {
  describe(operationId, () => {
    for (const c of cases) {
      it(caseTitle(c), async () => {
        const op = operations.get(operationId);
        if (!op) throw new Error(`${c.file}: operationId ${operationId} is not in the spec`);

        const result = await call(c.withoutApiKey ? keyless : client, op, {
          params: c.params ?? {},
          body: c.body,
          headers: preferHeader(c.prefer),
        });
        const body = bodyOf(result);
        expect(
          result.response.status,
          `status of ${op.method} ${op.path}; body: ${JSON.stringify(body)}`,
        ).toBe(c.status);

        if (responseSchema(op, c.status)) {
          const check = validateResponse(op, c.status, body);
          expect(check.valid, check.errors).toBe(true);
        } else if (response(op, c.status)) {
          expect(body, `${operationId} documents no body for ${c.status}`).toBeFalsy();
        }
        // A status the operation does not document at all (Prism's own 422 for an invalid request,
        // say) has no schema to hold the body to; the error checks below still apply.

        if (c.prefer?.example && result.response.ok) {
          // Static Prism returns a named example verbatim, so anything else means it picked another one.
          expect(body).toEqual(namedExamples(op, c.status)[c.prefer.example]);
        }

        if (result.response.ok) {
          await expect(unwrap(result)).resolves.toEqual(result.data);
        } else {
          const error = await unwrap(result).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(KapsoApiError);
          expect((error as KapsoApiError).status).toBe(c.status);
          expect((error as KapsoApiError).body).toEqual(body);
          if (c.messageIncludes) expect((error as KapsoApiError).message).toContain(c.messageIncludes);
        }
      });
    }
  });
}
