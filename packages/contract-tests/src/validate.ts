import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { type JsonSchema, type Operation, responseSchema, spec } from "./spec.js";

// The components live in Ajv once under this id; response schemas point at it, so a `$ref` in any
// response resolves against the same compiled component instead of a fresh copy per schema.
const COMPONENTS_ID = "https://kapso.invalid/openapi.json";

// OpenAPI keywords such as `example` and `discriminator` are not JSON Schema: strict mode is off.
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS whose module.exports is the plugin itself; NodeNext types see a namespace.
const addFormats = formats as unknown as typeof formats.default;
addFormats(ajv);
ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: spec.components?.schemas ?? {} } });

function pointRefsAtComponents(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefsAtComponents);
  if (node === null || typeof node !== "object") return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/")
        ? `${COMPONENTS_ID}${value}`
        : pointRefsAtComponents(value);
  }
  return copy;
}

const validators = new Map<string, ValidateFunction>();

// Keyed by the schema object itself: the spec's schemas are read once and never copied.
const schemaValidators = new WeakMap<object, ValidateFunction>();

/**
 * Whether a value satisfies one schema of the spec (a parameter's, a request body's). The request
 * generator keeps only values that pass, so a request the mock rejects was sent wrong, not built wrong.
 */
export function matchesSchema(schema: JsonSchema, value: unknown): boolean {
  let validate = schemaValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(pointRefsAtComponents(schema) as object);
    schemaValidators.set(schema, validate);
  }
  return validate(value) as boolean;
}

export interface SchemaCheck {
  valid: boolean;
  /** Ajv's errors, one per line, with the operation and status they belong to. */
  errors: string;
}

/** Validates a response body against the operation's documented schema for that status. */
export function validateResponse(op: Operation, status: number, body: unknown): SchemaCheck {
  const key = `${op.operationId} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = responseSchema(op, status);
    if (!schema) {
      return { valid: false, errors: `${op.operationId} documents no JSON response for ${status}` };
    }
    validate = ajv.compile(pointRefsAtComponents(schema) as object);
    validators.set(key, validate);
  }
  const valid = validate(body) as boolean;
  return {
    valid,
    errors: valid ? "" : `${key}:\n${ajv.errorsText(validate.errors, { separator: "\n", dataVar: "body" })}`,
  };
}
