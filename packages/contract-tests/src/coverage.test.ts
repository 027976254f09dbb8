/**
 * Coverage, derived from the bundled spec: every operation has a success case, every case names a
 * real operation, and every named success example is requested (or skipped with a reason).
 */
import { describe, expect, it } from "vitest";
import { allCases, skippedExamples } from "./cases.js";
import { namedExamples, operations, successStatuses } from "./spec.js";

describe("coverage of the spec by src/cases/", () => {
  it("has a success (2xx) case for every operation of the spec", () => {
    const covered = new Set(
      allCases.filter((c) => c.status >= 200 && c.status < 300).map((c) => c.operationId),
    );
    const missing = [...operations.values()]
      .filter((op) => !covered.has(op.operationId))
      .map((op) => `${op.operationId} (${op.method} ${op.path})`);
    expect(missing, `operations without a success case:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("names only operations that exist in the spec", () => {
    const unknown = allCases
      .filter((c) => !operations.has(c.operationId))
      .map((c) => `${c.operationId} (in ${c.file})`);
    expect(unknown, `cases whose operationId is not in the spec:\n  ${unknown.join("\n  ")}`).toEqual([]);
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
