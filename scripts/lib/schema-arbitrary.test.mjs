import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryFor } from "./schema-arbitrary.mjs";

const doc = { openapi: "3.1.0", paths: {} };
const samples = (schema) => fc.sample(arbitraryFor(doc, schema), { numRuns: 200, seed: 7 });

describe("arbitraryFor", () => {
  it("gives only null for a schema whose one type is null", () => {
    expect(new Set(samples({ type: "null" }))).toEqual(new Set([null]));
  });

  it("gives the type or null for a nullable type", () => {
    const seen = new Set(samples({ type: ["integer", "null"] }).map((value) => typeof value));
    expect(seen).toEqual(new Set(["number", "object"]));
  });

  it("gives values of several types for a schema without a type", () => {
    const seen = new Set(samples({}).map((value) => typeof value));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("keeps an array within its maxItems", () => {
    const lengths = samples({ type: "array", maxItems: 2, items: { type: "string" } }).map((a) => a.length);
    expect(Math.max(...lengths)).toBe(2);
  });
});
