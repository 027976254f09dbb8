import { type Json as JsonSchema, type Operation, responseSchema } from "@kapso/codegen/spec";
import { ResponseValidator } from "@kapso/contract";

// The validator kapso-contract checks answers with: the suite and the bin judge a body the same way.
const validators = new WeakMap<object, ResponseValidator>();
function validatorOf(doc: object): ResponseValidator {
  let validator = validators.get(doc);
  if (!validator) {
    validator = new ResponseValidator(doc);
    validators.set(doc, validator);
  }
  return validator;
}

/**
 * Whether a value satisfies one schema of the document (a parameter's, a request body's). The request
 * generator keeps only values that pass, so a request the mock rejects was sent wrong, not built wrong.
 */
export function matchesSchema(doc: object, schema: JsonSchema, value: unknown): boolean {
  return validatorOf(doc).violations(schema, value).length === 0;
}

/** The violations of a response body against the operation's schema for that status, one per line; "" when valid. */
export function responseViolations(doc: object, op: Operation, status: number, body: unknown): string {
  const schema = responseSchema(doc, op, status);
  if (!schema) return `${op.operationId} documents no JSON response for ${status}`;
  const violations = validatorOf(doc).violations(schema, body);
  if (violations.length === 0) return "";
  const lines = violations.map((v) => `body${v.instancePath} ${v.message} (${v.schemaPath})`);
  return `${op.operationId} ${status}:\n${lines.join("\n")}`;
}
