/**
 * Every answer the spec documents, asked for through the client and checked as the client reports it:
 * each named example of each success status comes back as is from `unwrap`, and each documented error
 * status (each of its named examples, or the status alone) becomes a KapsoApiError carrying that status,
 * that body, and a message naming the call and the body's own error text. The request around it is the
 * operation's first generated request, which the mock accepts (requests.test.ts).
 */
import { KapsoApiError, unwrap } from "@kapso/client";
import {
  errorStatuses,
  namedExamples,
  type Operation,
  responseFor,
  responseSchema,
  successStatuses,
} from "@kapso/codegen/spec";
import { describe, expect, inject, it } from "vitest";
import { documents } from "./documents.js";
import { bodyOf, call, mockClient } from "./harness.js";
import { requestsFor } from "./requests.js";
import { responseViolations } from "./validate.js";

interface DocumentedAnswer {
  status: number;
  /** The named example asked for, or undefined for the status alone. */
  example?: string;
}

/** Each named example of each documented status; an error status without examples once by itself. */
function documentedAnswers(doc: object, op: Operation): DocumentedAnswer[] {
  const answers: DocumentedAnswer[] = [];
  for (const status of [...successStatuses(op), ...errorStatuses(op)]) {
    const names = Object.keys(namedExamples(doc, op, status));
    if (names.length > 0) answers.push(...names.map((example) => ({ status, example })));
    else if (status >= 400) answers.push({ status });
  }
  return answers;
}

/** Kapso's error bodies say what went wrong in `error` or `message`: the text the client must carry over. */
function errorTextOf(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  return [error, message].find((text): text is string => typeof text === "string" && text !== "");
}

for (const { name, doc, operations } of documents) {
  const url = inject("kapsoMockUrls")[name] ?? "";
  const { client } = mockClient(url);
  for (const op of operations.values()) {
    const answers = documentedAnswers(doc, op);
    if (answers.length === 0) continue;
    describe(`${name}: ${op.operationId} (${op.method} ${op.path}) answers`, () => {
      it.each(answers)("$status $example", async ({ status, example }) => {
        const [request] = requestsFor(doc, op);
        if (!request) throw new Error(`${op.operationId}: no request to send`);
        const prefer = `code=${status}${example === undefined ? "" : `, example=${example}`}`;
        const result = await call(client, doc, op, request, { Prefer: prefer });
        const body = bodyOf(result);
        expect(result.response.status, JSON.stringify(body)).toBe(status);
        // Static Prism returns a named example verbatim, so anything else means it picked another one.
        if (example !== undefined) expect(body).toEqual(namedExamples(doc, op, status)[example]);
        if (responseSchema(doc, op, status)) expect(responseViolations(doc, op, status, body)).toBe("");
        else if (responseFor(doc, op, status)) expect(body, `no body documented for ${status}`).toBeFalsy();

        if (result.response.ok) {
          await expect(unwrap(result)).resolves.toEqual(result.data);
          return;
        }
        const error = await unwrap(result).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(KapsoApiError);
        expect((error as KapsoApiError).status).toBe(status);
        expect((error as KapsoApiError).body).toEqual(body);
        const message = (error as KapsoApiError).message;
        expect(message).toContain(`${status}`);
        expect(message).toContain(new URL(result.response.url).pathname);
        const text = errorTextOf(body);
        if (text) expect(message).toContain(text.slice(0, 100));
      });
    });
  }
}
