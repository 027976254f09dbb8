/**
 * Coverage, derived from the bundled spec: every operation has generated requests (requests.test.ts
 * sends each one and fails, naming the operation, when the client gets one wrong), every hand-written
 * case names a real operation and checks something about the client, and every named success
 * example is requested (or skipped with a reason).
 */
import { describe, expect, it } from "vitest";
import { allCases, skippedExamples } from "./cases.js";
import { requestsFor } from "./requests.js";
import { namedExamples, operations, successStatuses } from "./spec.js";

describe("coverage of the spec", () => {
  it("has generated requests for every operation of the spec", () => {
    const missing: string[] = [];
    for (const op of operations.values()) {
      try {
        if (requestsFor(op).length === 0) missing.push(`${op.operationId} (${op.method} ${op.path}): none`);
      } catch (error) {
        missing.push((error as Error).message); // requestsFor names the operation and the schema.
      }
    }
    expect(missing, `operations without a generated request:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("names only operations that exist in the spec", () => {
    const unknown = allCases
      .filter((c) => !operations.has(c.operationId))
      .map((c) => `${c.operationId} (in ${c.file})`);
    expect(unknown, `cases whose operationId is not in the spec:\n  ${unknown.join("\n  ")}`).toEqual([]);
  });

  it("has no case that only asks the mock for a status", () => {
    // `Prefer: code=N` answered with N and the spec's own example checks the mock, not the client.
    const statusOnly = allCases
      .filter((c) => c.prefer?.code !== undefined && !c.prefer.example && !c.messageIncludes)
      .map((c) => `${c.operationId} ${c.status}${c.title ? ` ${c.title}` : ""} (in ${c.file})`);
    expect(
      statusOnly,
      `cases that pick a status and check nothing else; name an example or the message expected:\n  ${statusOnly.join("\n  ")}`,
    ).toEqual([]);
  });

  it("requests every named success example, or lists it in skippedExamples with a reason", () => {
    const requested = new Set(
      allCases.filter((c) => c.prefer?.example).map((c) => `${c.operationId} ${c.prefer?.example}`),
    );
    const unseen: string[] = [];
    for (const op of operations.values()) {
      for (const status of successStatuses(op)) {
        for (const name of Object.keys(namedExamples(op, status))) {
          const reason = skippedExamples[op.operationId]?.[name];
          if (!requested.has(`${op.operationId} ${name}`) && !reason?.trim())
            unseen.push(`${op.operationId} ${name}`);
        }
      }
    }
    expect(unseen, `named examples no case requests:\n  ${unseen.join("\n  ")}`).toEqual([]);
  });
});
