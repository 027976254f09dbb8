/**
 * The bundled OpenAPI document shipped in @kapso/types, read as data: which operations exist, what
 * they accept, what they answer. Everything the suite checks is derived from here, so an operation
 * added to the spec is picked up without touching the suite. The document is walked with the
 * repository's one spec library (scripts/lib/spec.mjs), the same code generation and the spec diff use.
 */
import { createRequire } from "node:module";
import * as specLibrary from "../../../scripts/lib/spec.mjs";

const requireHere = createRequire(import.meta.url);

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  style?: string;
  explode?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
}

interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}

interface RequestBody {
  required?: boolean;
  content?: Record<string, MediaType>;
}

interface OperationObject {
  operationId?: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: RequestBody | { $ref: string };
  responses?: Record<string, Response | { $ref: string }>;
  security?: unknown[];
}

export interface Document {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: unknown[];
}

export interface Operation {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  parameters: Parameter[];
  /** Statuses with a documented response, as strings ("200", "404", "default"...). */
  statuses: string[];
  requiresAuth: boolean;
  object: OperationObject;
}

export const spec: Document = requireHere("@kapso/types/openapi.json");

/** Follows a local `$ref` (`#/components/...`) until it reaches the object itself. */
export function deref<T>(value: T | { $ref: string }): T {
  return specLibrary.deref<T>(spec, value);
}

/** A schema with its `allOf` parts merged into one object. */
export function flatten(schema: unknown): JsonSchema {
  return specLibrary.flatten(spec, schema);
}

/** One oneOf/anyOf branch with the keywords around it, properties and required names added together. */
export const withVariant: (around: JsonSchema, variant: JsonSchema) => JsonSchema = specLibrary.withVariant;

function collectOperations(): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const walked of specLibrary.operations(spec).values()) {
    const object = walked.op as OperationObject;
    const method = walked.method.toUpperCase() as Operation["method"];
    const operationId = object.operationId ?? `${method} ${walked.path}`;
    const security = object.security ?? spec.security ?? [];
    operations.set(operationId, {
      operationId,
      method,
      path: walked.path,
      // Operation-level parameters override path-level ones with the same name and location.
      parameters: [...specLibrary.parametersOf(spec, walked).values()] as unknown as Parameter[],
      statuses: Object.keys(object.responses ?? {}),
      requiresAuth: security.length > 0 && !security.some((s) => Object.keys(s as object).length === 0),
      object,
    });
  }
  return operations;
}

export const operations = collectOperations();

export function operation(operationId: string): Operation {
  const found = operations.get(operationId);
  if (!found) throw new Error(`operationId ${operationId} is not in the spec`);
  return found;
}

function jsonContent(response: Response | RequestBody | undefined): MediaType | undefined {
  if (!response?.content) return undefined;
  const type = Object.keys(response.content).find((t) => t === "application/json" || t.endsWith("+json"));
  return type ? response.content[type] : undefined;
}

/** The documented response for a status, falling back to `4XX`/`5XX` and `default` as OpenAPI does. */
export function response(op: Operation, status: number): Response | undefined {
  const responses = op.object.responses ?? {};
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return raw ? deref(raw) : undefined;
}

export function responseSchema(op: Operation, status: number): JsonSchema | undefined {
  return jsonContent(response(op, status))?.schema;
}

/** Named examples of the JSON response for a status. */
export function namedExamples(op: Operation, status: number | string): Record<string, unknown> {
  const raw = op.object.responses?.[String(status)];
  const media = jsonContent(raw ? deref(raw) : undefined);
  const examples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(media?.examples ?? {})) {
    examples[name] = deref(example as { value?: unknown } | { $ref: string }).value;
  }
  return examples;
}

export function successStatuses(op: Operation): number[] {
  return op.statuses.filter((s) => /^2\d\d$/.test(s)).map(Number);
}

export function errorStatuses(op: Operation): number[] {
  return op.statuses.filter((s) => /^[45]\d\d$/.test(s)).map(Number);
}

/** The JSON request body an operation documents, if it takes one. */
export function requestBody(op: Operation): { required: boolean; media: MediaType } | undefined {
  const body = op.object.requestBody ? deref(op.object.requestBody) : undefined;
  const media = jsonContent(body);
  return media ? { required: body?.required === true, media } : undefined;
}

/** Named examples of the JSON request body (`examples`), plus a lone `example` as "example". */
export function namedRequestExamples(op: Operation): Record<string, unknown> {
  const media = requestBody(op)?.media;
  const examples: Record<string, unknown> = {};
  if (media?.example !== undefined) examples.example = media.example;
  for (const [name, example] of Object.entries(media?.examples ?? {})) {
    examples[name] = deref(example as { value?: unknown } | { $ref: string }).value;
  }
  return examples;
}

/** A request body from the spec's own examples, for cases that need a valid one. */
export function exampleRequestBody(op: Operation): unknown {
  return Object.values(namedRequestExamples(op))[0];
}

export const SAMPLE_UUID = specLibrary.SAMPLE_UUID;

/** A value that satisfies a parameter's schema, for cases that need a valid request around an invalid bit. */
export function sampleValue(
  schema: JsonSchema | undefined,
  parameter?: { example?: unknown },
): string | number | boolean {
  return specLibrary.exampleValue(spec, { schema, example: parameter?.example });
}

/** Valid values for every required path and query parameter of an operation. */
export function sampleParams(op: Operation): {
  path: Record<string, string>;
  query: Record<string, unknown>;
} {
  const path: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  for (const parameter of op.parameters) {
    if (parameter.in === "path") path[parameter.name] = String(sampleValue(parameter.schema));
    else if (parameter.in === "query" && parameter.required)
      query[parameter.name] = sampleValue(parameter.schema);
  }
  return { path, query };
}
