import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "./diff.mjs";
import { root } from "./ensure-built.mjs";

const shipped = JSON.parse(readFileSync(join(root, "packages/types/openapi.json"), "utf8"));
const LIST = "GET /workflows/{workflow_id}/executions";

function edit(mutate) {
  const copy = structuredClone(shipped);
  mutate(copy);
  return copy;
}
const summary = (doc) => doc.components.schemas.WorkflowExecutionSummary;
const kinds = (changes) => changes.map((c) => `${c.kind}: ${c.where}: ${c.what}`);

describe("diffSpecs", () => {
  it("finds nothing between a spec and itself", () => {
    expect(diffSpecs(shipped, structuredClone(shipped))).toEqual([]);
  });

  it("reports a removed response field as breaking", () => {
    const after = edit((doc) => {
      delete summary(doc).properties.tracking_id;
      summary(doc).required = summary(doc).required.filter((p) => p !== "tracking_id");
    });
    expect(kinds(diffSpecs(shipped, after))).toContain(
      `breaking: ${LIST} 200 .data[] .tracking_id: property removed`,
    );
  });

  it("reports an added optional response field as not breaking", () => {
    const after = edit((doc) => {
      summary(doc).properties.priority = { type: "integer" };
    });
    const changes = diffSpecs(shipped, after);
    expect(changes.filter((c) => c.kind === "breaking")).toEqual([]);
    expect(kinds(changes)).toContain(`non-breaking: ${LIST} 200 .data[] .priority: optional property added`);
  });

  it("reports a response field that becomes nullable or optional as breaking", () => {
    const nullable = edit((doc) => {
      summary(doc).properties.started_at.type = ["string", "null"];
    });
    expect(kinds(diffSpecs(shipped, nullable))).toContain(
      `breaking: ${LIST} 200 .data[] .started_at: type now also allows null`,
    );
    const optional = edit((doc) => {
      summary(doc).required = summary(doc).required.filter((p) => p !== "started_at");
    });
    expect(kinds(diffSpecs(shipped, optional))).toContain(
      `breaking: ${LIST} 200 .data[] .started_at: property became optional (may be absent)`,
    );
  });

  it("reads a schema wrapped with a null branch as that schema, plus null", () => {
    const wrapped = edit((doc) => {
      const item = doc.components.schemas.WorkflowExecutionSummary;
      doc.components.schemas.WorkflowExecutionSummaryCopy = item;
      doc.paths["/workflows/{workflow_id}/executions"].get.responses["200"].content[
        "application/json"
      ].schema = {
        type: "object",
        properties: {
          data: {
            type: "array",
            items: {
              anyOf: [{ $ref: "#/components/schemas/WorkflowExecutionSummaryCopy" }, { type: "null" }],
            },
          },
        },
      };
    });
    const changes = kinds(diffSpecs(shipped, wrapped)).filter((c) => c.includes(".data[]"));
    expect(changes).toContain(`breaking: ${LIST} 200 .data[]: type now also allows null`);
    expect(changes.filter((c) => c.includes("property removed"))).toEqual([]);
  });

  it("treats a narrowed request enum as breaking and a widened one as not", () => {
    const narrowed = edit((doc) => {
      doc.components.schemas.WorkflowExecutionStatus.enum = ["running", "ended"];
    });
    const narrowedChanges = kinds(diffSpecs(shipped, narrowed));
    expect(narrowedChanges).toContain(
      `breaking: ${LIST} query parameter status: enum narrowed: removed waiting, failed, handoff`,
    );
    const widened = edit((doc) => {
      doc.components.schemas.WorkflowExecutionStatus.enum.push("paused");
    });
    const widenedChanges = diffSpecs(shipped, widened);
    expect(kinds(widenedChanges)).toContain(
      `non-breaking: ${LIST} query parameter status: enum widened: added paused`,
    );
    // The same enum is read in responses, where a new member breaks exhaustive switches.
    expect(kinds(widenedChanges)).toContain(
      `breaking: ${LIST} 200 .data[] .status: enum widened: added paused`,
    );
  });

  it("reports removed operations, removed responses and new required parameters as breaking", () => {
    const after = edit((doc) => {
      delete doc.paths["/workflow_executions/{execution_id}/events"];
      delete doc.paths["/workflows/{workflow_id}/executions"].get.responses["404"];
      doc.paths["/workflows/{workflow_id}/executions"].get.parameters.push({
        name: "project_id",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
    });
    const changes = kinds(diffSpecs(shipped, after));
    expect(changes).toContain("breaking: GET /workflow_executions/{execution_id}/events: operation removed");
    expect(changes).toContain(`breaking: ${LIST} 404: response removed`);
    expect(changes).toContain(`breaking: ${LIST} query parameter project_id: required parameter added`);
  });

  it("reports changed formats and tightened request constraints as breaking", () => {
    const after = edit((doc) => {
      doc.components.parameters.limit.schema.maximum = 50;
      summary(doc).properties.id.format = "uri";
    });
    const changes = kinds(diffSpecs(shipped, after));
    expect(changes).toContain(`breaking: ${LIST} query parameter limit: maximum tightened to 50`);
    expect(changes).toContain(`breaking: ${LIST} 200 .data[] .id: format changed from uuid to uri`);
  });

  it("reports added operations and responses as not breaking", () => {
    const after = edit((doc) => {
      doc.paths["/workflows/{workflow_id}/executions"].get.responses["503"] = { description: "Unavailable" };
      doc.paths["/ping"] = { get: { operationId: "ping", responses: { 204: { description: "ok" } } } };
    });
    const changes = diffSpecs(shipped, after);
    expect(changes.every((c) => c.kind === "non-breaking")).toBe(true);
    expect(kinds(changes)).toEqual([
      `non-breaking: ${LIST} 503: response added`,
      "non-breaking: GET /ping: operation added",
    ]);
  });
  it("compares the values of a map, and calls values lifted to any value breaking in a response", () => {
    const withMap = (values) =>
      edit((doc) => {
        summary(doc).properties.labels = { type: "object", additionalProperties: values };
      });
    const strings = withMap({ type: "string" });
    const where = `${LIST} 200 .data[] .labels .*`;
    expect(kinds(diffSpecs(strings, withMap(true)))).toContain(
      `breaking: ${where}: map values lifted: any value allowed`,
    );
    expect(kinds(diffSpecs(strings, withMap({ type: ["string", "integer"] })))).toContain(
      `breaking: ${where}: type now also allows integer`,
    );
    expect(diffSpecs(withMap(true), strings).filter((c) => c.kind === "breaking")).toEqual([]);
  });

  it("calls a response field whose type is lifted to any value breaking", () => {
    const after = edit((doc) => {
      summary(doc).properties.tracking_id = { description: "Anything." };
    });
    expect(kinds(diffSpecs(shipped, after))).toContain(
      `breaking: ${LIST} 200 .data[] .tracking_id: type lifted: any value allowed`,
    );
  });
});
