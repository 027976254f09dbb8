import { describe, expect, it } from "vitest";
import { formatReport, junitReport } from "./report.js";
import type { ContractReport, OperationResult } from "./run.js";

function report(results: Partial<OperationResult>[]): ContractReport {
  return {
    baseUrl: "http://127.0.0.1:4010",
    durationMs: 1234,
    results: results.map((r, index) => ({
      operationId: `op${index}`,
      method: "GET",
      path: `/op/${index}`,
      outcome: "passed",
      statuses: [200],
      problems: [],
      notes: [],
      durationMs: 10,
      ...r,
    })),
  };
}

const violation = (index: number) => ({
  page: 1,
  message: "must be string",
  violation: {
    instancePath: `/data/${index}/name`,
    keyword: "type",
    schemaPath: "#/x",
    message: "must be string",
  },
});

describe("formatReport", () => {
  it("shows 20 problems of an operation and counts the rest; junit keeps every one", () => {
    const many = report([
      { outcome: "failed", problems: Array.from({ length: 25 }, (_, i) => violation(i)) },
    ]);
    const text = formatReport(many);
    expect(text).toContain("/data/19/name type");
    expect(text).not.toContain("/data/20/name");
    expect(text).toContain("... and 5 more (all of them are in --junit)");
    expect(junitReport(many)).toContain("/data/24/name type");
  });
});

describe("junitReport", () => {
  it("escapes what XML cannot carry as is", () => {
    const xml = junitReport(
      report([{ outcome: "failed", problems: [{ page: 1, message: `answered 500: <b>"&"</b>\u0001` }] }]),
    );
    expect(xml).toContain("answered 500: &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;\ufffd");
    expect(xml).not.toContain("<b>");
  });

  it("redacts the secrets it is given", () => {
    const xml = junitReport(report([{ outcome: "skipped", notes: ["key sk-123456 refused"] }]), [
      "sk-123456",
    ]);
    expect(xml).toContain('<skipped message="key [redacted] refused"/>');
  });

  it("puts the notes of a run operation in system-out", () => {
    const xml = junitReport(report([{ notes: ["workflow_id from the first item of listWorkflows"] }]));
    expect(xml).toContain("<system-out>workflow_id from the first item of listWorkflows</system-out>");
  });
});
