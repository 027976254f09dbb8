import type { Json as JsonSchema } from "@kapso/codegen/spec";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { Document } from "./spec.js";

/** One way a response body differs from its schema. */
export interface Violation {
  /** JSON pointer into the body ("" is the body itself), as Ajv's `instancePath`. */
  instancePath: string;
  /** The JSON Schema keyword that failed: type, required, enum, format... */
  keyword: string;
  /** Where that keyword sits in the response schema. */
  schemaPath: string;
  /** Ajv's words for the failure, e.g. `must have required property 'id'`; the keyword if it has none. */
  message: string;
}

// The document's components live in Ajv once under this id and every response schema's `$ref`s are
// pointed at it, so a component is compiled once however many responses use it.
const DOCUMENT_ID = "https://kapso.invalid/openapi.json";

// ajv-formats is CommonJS whose module.exports is the plugin itself; NodeNext types see a namespace.
const addFormats = formats as unknown as typeof formats.default;

function pointRefsAtDocument(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefsAtDocument);
  if (node === null || typeof node !== "object") return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/")
        ? `${DOCUMENT_ID}${value}`
        : pointRefsAtDocument(value);
  }
  return copy;
}

/**
 * Validates bodies against the schemas of one document (a response's, a parameter's), each schema
 * compiled once; the document's components are compiled once for all of them.
 */
export class ResponseValidator {
  // OpenAPI keywords such as `example` and `discriminator` are not JSON Schema: strict mode is off.
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(doc: Document) {
    addFormats(this.ajv);
    // Only the schemas: examples elsewhere in components are free-form JSON, not schemas.
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: doc.components?.schemas ?? {} } });
  }

  /** Every violation of `schema` by `body`; empty when the body matches. */
  violations(schema: JsonSchema, body: unknown): Violation[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(pointRefsAtDocument(schema) as object);
      this.compiled.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error: ErrorObject) => ({
      instancePath: error.instancePath,
      keyword: error.keyword,
      schemaPath: error.schemaPath,
      message: error.message ?? error.keyword,
    }));
  }
}
