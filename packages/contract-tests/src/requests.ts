/**
 * The requests the suite sends for every operation of the spec, built from the spec alone: each named
 * request-body example, then a few requests generated with fast-check from the parameter and body
 * schemas. The first generated request of an operation sends every parameter and every optional body
 * property; the others send random subsets. Generation uses a fixed seed per operation, so a run
 * sends the same requests every time and a new operation does not change the others'.
 */

import {
  type Content,
  deref,
  type Json as JsonSchema,
  namedRequestExamples,
  type Operation,
  type Parameter,
  requestBody,
} from "@kapso/codegen/spec";
import fc from "fast-check";
import { type ValueOptions, valueFor } from "./arbitrary.js";
import { matchesSchema } from "./validate.js";

export const GENERATED_PER_OPERATION = 4;
const SEED = 20_260_101;

export interface SpecRequest {
  /** For the test name: which example, or which generated request and what it sends. */
  title: string;
  /** `header` only for operations that declare header parameters. */
  params: { path: Record<string, unknown>; query: Record<string, unknown>; header?: Record<string, unknown> };
  /** Absent when the request sends no body. */
  body?: unknown;
}

/** A file part of a `multipart/form-data` body, as the suite describes it and reads it back. */
export interface FormFile {
  filename: string;
  type: string;
  text: string;
}

/** A `multipart/form-data` body: text fields, and files for the schema's `format: binary` fields. */
export type FormFields = Record<string, string | FormFile>;

/** The `multipart/form-data` body an operation takes instead of JSON (an upload), if it takes one. */
export function formBody(
  doc: object,
  op: Operation,
): { required: boolean; schema: JsonSchema; examples: Record<string, unknown> } | undefined {
  if (requestBody(doc, op)) return undefined;
  const body = op.object.requestBody ? deref<Content>(doc, op.object.requestBody) : undefined;
  const media = body?.content?.["multipart/form-data"] as
    | { schema?: unknown; examples?: Record<string, unknown> }
    | undefined;
  if (!media?.schema) return undefined;
  const examples = Object.fromEntries(
    Object.entries(media.examples ?? {}).map(([name, example]) => [
      name,
      deref<{ value?: unknown }>(doc, example).value,
    ]),
  );
  return { required: body?.required === true, schema: deref<JsonSchema>(doc, media.schema), examples };
}

const isBinary = (doc: object, schema: unknown) => deref<JsonSchema>(doc, schema ?? {}).format === "binary";

/** A form's fields from a plain object (a request example): binary fields become files holding their text. */
function formFields(doc: object, schema: JsonSchema, value: unknown): FormFields {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const fields: FormFields = {};
  for (const [name, field] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const text = typeof field === "string" ? field : JSON.stringify(field);
    fields[name] = isBinary(doc, properties[name])
      ? { filename: `${name}.bin`, type: "application/octet-stream", text }
      : text;
  }
  return fields;
}

/**
 * Generated form bodies: visible ASCII text in every field (multipart encoding rewrites line breaks,
 * so other text would not read back as sent), files for the binary fields.
 */
function formArbitrary(doc: object, schema: JsonSchema, everyOptional: boolean): fc.Arbitrary<FormFields> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      const text = valueFor(property, { doc, placement: "header", everyOptional }).map(String);
      const field: fc.Arbitrary<string | FormFile> = isBinary(doc, property)
        ? text.map((content) => ({
            filename: `${name}.bin`,
            type: "application/octet-stream",
            text: content,
          }))
        : text;
      return [name, field];
    }),
  );
  const required = (schema.required ?? []) as string[];
  return fc.record(model, {
    requiredKeys: everyOptional ? Object.keys(properties) : required,
    noNullPrototype: true,
  }) as fc.Arbitrary<FormFields>;
}

/**
 * Every request for one operation, without duplicates (an operation that takes nothing has one).
 * Throws, naming the operation and the schema, when no valid value can be generated.
 */
export function requestsFor(doc: object, op: Operation): SpecRequest[] {
  let sampled: SpecRequest[];
  try {
    sampled = [
      ...sample(doc, op, { everyOptional: true }, 1),
      ...sample(doc, op, { everyOptional: false }, GENERATED_PER_OPERATION - 1),
    ];
  } catch (error) {
    throw new Error(`${op.operationId} (${op.method} ${op.path}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const [full, ...partial] = sampled;
  if (!full) throw new Error(`${op.operationId}: no request could be generated`);
  const form = formBody(doc, op);
  const exampleBodies = form
    ? Object.entries(form.examples).map(
        ([name, value]) => [name, formFields(doc, form.schema, value)] as const,
      )
    : Object.entries(namedRequestExamples(doc, op));
  const examples = exampleBodies.map(([name, body]) => ({
    title: `request example ${name}`,
    params: full.params,
    body,
  }));
  const generated = [full, ...partial].map((request, index) => ({
    ...request,
    title: `generated #${index + 1}: ${summaryOf(request)}`,
  }));
  const seen = new Set<string>();
  return [...examples, ...generated].filter((request) => {
    const key = JSON.stringify([request.params, request.body]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The operation's query parameter that is an object with a documented `style`, if it has one. */
export function objectQueryParameter(doc: object, op: Operation): Parameter | undefined {
  return op.parameters.find((p) => {
    const schema = p.schema ? deref(doc, p.schema) : undefined;
    const isObject = schema?.type === "object" || schema?.additionalProperties !== undefined;
    return p.in === "query" && (p.style === "form" || p.style === "deepObject") && isObject;
  });
}

/**
 * What a user must pass beside `params` for the request to match the spec. openapi-fetch serializes
 * object query parameters as `deepObject` (`filters[status]=…`) unless told otherwise, and the spec's
 * description of such a parameter says to pass the style it documents: the suite does what it says.
 */
export function querySerializerFor(
  doc: object,
  op: Operation,
): { object: { style: "form" | "deepObject"; explode: boolean } } | undefined {
  const parameter = objectQueryParameter(doc, op);
  if (!parameter) return undefined;
  const style = parameter.style as "form" | "deepObject";
  return { object: { style, explode: parameter.explode ?? style === "form" } };
}

function sample(
  doc: object,
  op: Operation,
  shape: Pick<ValueOptions, "everyOptional">,
  count: number,
): SpecRequest[] {
  if (count <= 0) return [];
  return fc
    .sample(requestArbitrary(doc, op, shape), { seed: seedOf(op.operationId, shape), numRuns: count })
    .map((request) => ({ ...request, title: "" }));
}

function requestArbitrary(
  doc: object,
  op: Operation,
  { everyOptional }: Pick<ValueOptions, "everyOptional">,
): fc.Arbitrary<Omit<SpecRequest, "title">> {
  const queryNames = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
  const parameters = (placement: "path" | "query" | "header") => {
    const declared = op.parameters.filter((p) => p.in === placement);
    const model = Object.fromEntries(
      declared.map((p) => {
        const schema = p.schema ?? {};
        const options = { doc, placement, everyOptional, reservedKeys: queryNames };
        return [p.name, valid(doc, valueFor(schema, options), schema, `${placement} parameter ${p.name}`)];
      }),
    );
    const requiredKeys = declared
      .filter((p) => everyOptional || p.required || p.in === "path")
      .map((p) => p.name);
    return fc.record(model, { requiredKeys, noNullPrototype: true });
  };
  const documented = requestBody(doc, op);
  const schema = documented?.media.schema;
  let body: fc.Arbitrary<unknown> = fc.constant(undefined);
  if (schema) {
    const values = valid(
      doc,
      valueFor(schema, { doc, placement: "body", everyOptional }),
      schema,
      "request body",
    );
    body = documented.required || everyOptional ? values : fc.option(values, { nil: undefined });
  }
  const form = formBody(doc, op);
  if (form) {
    const values = formArbitrary(doc, form.schema, everyOptional);
    body = form.required || everyOptional ? values : fc.option(values, { nil: undefined });
  }
  const request = fc
    .record({ path: parameters("path"), query: parameters("query"), body })
    .map(({ path, query, body }) => ({ params: { path, query }, ...(body === undefined ? {} : { body }) }));
  // Only an operation with header parameters draws them, so no other operation's requests change.
  if (!op.parameters.some((p) => p.in === "header")) return request;
  return fc
    .tuple(request, parameters("header"))
    .map(([{ params, ...rest }, header]) => ({ params: { ...params, header }, ...rest }));
}

/**
 * Keeps the values that satisfy the schema; the filter only trims what the builder approximates. A
 * long run of rejects means the builder cannot produce the schema at all: fail, naming it, rather
 * than loop (fast-check's filter retries without end).
 */
function valid<T>(doc: object, values: fc.Arbitrary<T>, schema: JsonSchema, what: string): fc.Arbitrary<T> {
  let rejectedInARow = 0;
  return values.filter((value) => {
    if (matchesSchema(doc, schema, value)) {
      rejectedInARow = 0;
      return true;
    }
    if (++rejectedInARow >= 500) {
      throw new Error(
        `no generated ${what} satisfies its schema (500 tried), last: ${JSON.stringify(value)}`,
      );
    }
    return false;
  });
}

function seedOf(operationId: string, { everyOptional }: Pick<ValueOptions, "everyOptional">): number {
  let hash = SEED + (everyOptional ? 1 : 0);
  for (const char of operationId) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function summaryOf(request: Omit<SpecRequest, "title">): string {
  const parts = [
    ...Object.keys(request.params.path).map((name) => `{${name}}`),
    ...Object.keys(request.params.query).map((name) => `?${name}`),
    ...Object.keys(request.params.header ?? {}).map((name) => `${name}:`),
    ...(request.body === undefined ? [] : ["body"]),
  ];
  return parts.length > 0 ? parts.join(" ") : "no parameters";
}
