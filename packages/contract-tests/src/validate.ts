import { ResponseValidator } from "@kapso/contract";
import { type JsonSchema, type Operation, responseSchema, spec } from "./spec.js";

// The validator kapso-contract checks answers with, over the shipped spec: the suite and the bin
// judge a body the same way.
const validator = new ResponseValidator(spec);

/**
 * Whether a value satisfies one schema of the spec (a parameter's, a request body's). The request
 * generator keeps only values that pass, so a request the mock rejects was sent wrong, not built wrong.
 */
export function matchesSchema(schema: JsonSchema, value: unknown): boolean {
  return validator.violations(schema, value).length === 0;
}

export interface SchemaCheck {
  valid: boolean;
  /** The violations, one per line, with the operation and status they belong to. */
  errors: string;
}

/** Validates a response body against the operation's documented schema for that status. */
export function validateResponse(op: Operation, status: number, body: unknown): SchemaCheck {
  const key = `${op.operationId} ${status}`;
  const schema = responseSchema(op, status);
  if (!schema) return { valid: false, errors: `${op.operationId} documents no JSON response for ${status}` };
  const violations = validator.violations(schema, body);
  return {
    valid: violations.length === 0,
    errors: violations.length
      ? `${key}:\n${violations.map((v) => `body${v.instancePath} ${v.message} (${v.schemaPath})`).join("\n")}`
      : "",
  };
}
