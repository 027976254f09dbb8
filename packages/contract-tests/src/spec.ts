/**
 * The bundled OpenAPI document shipped in @kapso/types, read as data: which operations exist, what
 * they accept, what they answer. Everything the suite checks is derived from here, so an operation
 * added to the spec is picked up without touching the suite.
 */
import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
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

interface OperationObject {
  operationId?: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, MediaType> } | { $ref: string };
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

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Follows a local `$ref` (`#/components/...`) until it reaches the object itself. */
export function deref<T>(value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return current as T;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  throw new Error("$ref chain too long");
}

function collectOperations(): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(spec.paths)) {
    const item = deref(rawItem) as Record<string, unknown> & { parameters?: Operation["parameters"] };
    for (const method of METHODS) {
      const object = item[method] as OperationObject | undefined;
      if (!object) continue;
      const operationId = object.operationId ?? `${method.toUpperCase()} ${path}`;
      // Operation-level parameters override path-level ones with the same name and location.
      const byKey = new Map<string, Parameter>();
      for (const raw of [...(item.parameters ?? []), ...(object.parameters ?? [])]) {
        const parameter = deref(raw) as Parameter;
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const security = object.security ?? spec.security ?? [];
      operations.set(operationId, {
        operationId,
        method: method.toUpperCase() as Operation["method"],
        path,
        parameters: [...byKey.values()],
        statuses: Object.keys(object.responses ?? {}),
        requiresAuth: security.length > 0 && !security.some((s) => Object.keys(s as object).length === 0),
        object,
      });
    }
  }
  return operations;
}

export const operations = collectOperations();

export function operation(operationId: string): Operation {
  const found = operations.get(operationId);
  if (!found) throw new Error(`operationId ${operationId} is not in the spec`);
  return found;
}

function jsonContent(response: Response | undefined): MediaType | undefined {
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

/** A request body from the spec's own examples, for cases that need a valid one. */
export function exampleRequestBody(op: Operation): unknown {
  const body = op.object.requestBody ? deref(op.object.requestBody) : undefined;
  const media = jsonContent(body as Response | undefined);
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first ? deref(first as { value?: unknown } | { $ref: string }).value : undefined;
}

export const SAMPLE_UUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** A value that satisfies a parameter's schema, for cases that need a valid request around an invalid bit. */
export function sampleValue(
  schema: JsonSchema | undefined,
  parameter?: { example?: unknown },
): string | number | boolean {
  const resolved = schema ? deref(schema) : {};
  const documented =
    parameter?.example ?? resolved.example ?? (resolved.examples as unknown[] | undefined)?.[0];
  if (typeof documented === "string" || typeof documented === "number" || typeof documented === "boolean") {
    return documented;
  }
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0] as string;
  if (resolved.default !== undefined && typeof resolved.default !== "object")
    return resolved.default as string;
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== "null") : resolved.type;
  if (type === "integer" || type === "number")
    return typeof resolved.minimum === "number" ? resolved.minimum : 1;
  if (type === "boolean") return true;
  if (typeof resolved.pattern === "string") {
    // No general regex inverter here: the first plausible identifier the pattern accepts will do.
    const pattern = new RegExp(resolved.pattern, "u");
    const fits = ["sample", "123456789012345", SAMPLE_UUID, "sample_1", "SAMPLE", "+15551234567"].find((v) =>
      pattern.test(v),
    );
    if (fits) return fits;
  }
  switch (resolved.format) {
    case "uuid":
      return SAMPLE_UUID;
    case "date-time":
      return "2026-01-01T00:00:00Z";
    case "date":
      return "2026-01-01";
    case "email":
      return "someone@example.com";
    case "uri":
      return "https://example.com";
  }
  return "sample";
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
