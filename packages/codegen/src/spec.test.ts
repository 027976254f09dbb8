import { describe, expect, it } from "vitest";
import { exampleValue, SAMPLE_UUID } from "./spec.js";

const doc = {
  openapi: "3.1.0",
  paths: {},
  components: {
    schemas: { Status: { type: "string", enum: ["active", "paused"] } },
    examples: { one: { value: "from-a-named-example" } },
  },
};

describe("exampleValue", () => {
  it("prefers what the spec documents: the parameter's example, a named one, the schema's", () => {
    expect(exampleValue(doc, { example: 7, schema: { type: "integer", example: 3 } })).toBe(7);
    expect(exampleValue(doc, { examples: { a: { $ref: "#/components/examples/one" } } })).toBe(
      "from-a-named-example",
    );
    expect(exampleValue(doc, { schema: { type: "integer", example: 3 } })).toBe(3);
  });

  it("falls back to an enum member, a default, then what the type and format accept", () => {
    expect(exampleValue(doc, { schema: { $ref: "#/components/schemas/Status" } })).toBe("active");
    expect(exampleValue(doc, { schema: { type: "string", default: "newest" } })).toBe("newest");
    expect(exampleValue(doc, { schema: { type: "integer", minimum: 5 } })).toBe(5);
    expect(exampleValue(doc, { schema: { type: ["boolean", "null"] } })).toBe(true);
    expect(exampleValue(doc, { schema: { type: "string", format: "uuid" } })).toBe(SAMPLE_UUID);
    expect(exampleValue(doc, { schema: { type: "string", format: "date-time" } })).toBe(
      "2026-01-01T00:00:00Z",
    );
    expect(exampleValue(doc, { schema: { type: "string", pattern: "^\\d{15}$" } })).toBe("123456789012345");
    expect(exampleValue(doc, { schema: { type: "string" } })).toBe("sample");
  });
});
