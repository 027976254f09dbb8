// The one place that knows how to read an OpenAPI 3.1 document: following local `$ref`s, walking
// operations, merging `allOf`, picking the documented response for a status and reading list styles.
// Generation, the breaking-change diff, the upstream comparison, kapso-contract, the contract tests
// and the mock all read documents through it. Importing it does nothing but define these functions.

import { CodegenError } from "./errors.js";
import type { Json } from "./json.js";

export { bundleSpec } from "./bundle.js";
export type { Json };

export const HTTP_METHODS: readonly string[] = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
];

export interface SpecOperation {
  /** Lower case, as the path item spells it: "get", "post", ... */
  method: string;
  path: string;
  /** The operation object itself. */
  op: Json;
  /** The path item's own parameters, which every operation of the path shares. */
  shared: Json[];
}

// biome-ignore lint/suspicious/noExplicitAny: schemas are untyped JSON walked by keyword
type Node = any;

/**
 * Every operation of a document, keyed `METHOD /path`, with the path item's shared parameters beside
 * the operation's own.
 */
export function operations(doc: object): Map<string, SpecOperation> {
  const ops = new Map<string, SpecOperation>();
  const paths: Record<string, Node> = (doc as Node).paths ?? {};
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) {
        ops.set(`${method.toUpperCase()} ${path}`, {
          method,
          path,
          op: item[method],
          shared: item.parameters ?? [],
        });
      }
    }
  }
  return ops;
}

/** Follows local `$ref`s (`#/components/...`) to the object they name; siblings of a `$ref` win. */
export function deref<T = Json>(doc: object, node: unknown): T {
  const seen = new Set<string>();
  let current: Node = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    const target = (current.$ref as string)
      .replace(/^#\//, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((value: Node, part) => value?.[part], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** An operation's parameters, shared ones first, each dereferenced, keyed `in:name`. */
export function parametersOf(doc: object, operation: SpecOperation): Map<string, Json> {
  const params = new Map<string, Json>();
  for (const raw of [...operation.shared, ...((operation.op.parameters as Json[] | undefined) ?? [])]) {
    const param = deref(doc, raw);
    params.set(`${param.in}:${param.name}`, param);
  }
  return params;
}

/** A parameter object, dereferenced. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  style?: string;
  explode?: boolean;
  description?: string;
  schema?: Json;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** A media type object: a schema and the examples of one content type. */
export interface MediaType {
  schema?: Json;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** A response or request body object, dereferenced. */
export interface Content {
  description?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}

/** One operation as the contract runner, the contract tests and the mock read it. */
export interface Operation {
  /** The operation's `operationId`, or `METHOD /path` when it has none. */
  operationId: string;
  /** In capitals, as the client's methods are named: "GET", "POST"... */
  method: string;
  /** The path template, with `{placeholders}`. */
  path: string;
  /** Path-level and operation-level parameters, dereferenced; the operation's own win. */
  parameters: Parameter[];
  /** Documented statuses as the spec spells them: "200", "4XX", "default"... */
  statuses: string[];
  /** Whether the operation's security (or the document's) asks for credentials. */
  requiresAuth: boolean;
  /** The operation object itself. */
  object: Json;
}

/** Every operation of a document in document order, keyed by operationId (or `METHOD /path`). */
export function readOperations(doc: object): Map<string, Operation> {
  const found = new Map<string, Operation>();
  const documentSecurity = ((doc as Node).security as unknown[] | undefined) ?? [];
  for (const walked of operations(doc).values()) {
    const method = walked.method.toUpperCase();
    const operationId = (walked.op.operationId as string | undefined) ?? `${method} ${walked.path}`;
    const security = (walked.op.security as unknown[] | undefined) ?? documentSecurity;
    found.set(operationId, {
      operationId,
      method,
      path: walked.path,
      parameters: [...parametersOf(doc, walked).values()] as unknown as Parameter[],
      statuses: Object.keys((walked.op.responses as Json | undefined) ?? {}),
      requiresAuth: security.length > 0 && !security.some((s) => Object.keys(s as object).length === 0),
      object: walked.op,
    });
  }
  return found;
}

/** The JSON media type of a response or request body: `application/json` or any `+json` type. */
export function jsonMedia(body: Content | undefined): MediaType | undefined {
  const type = Object.keys(body?.content ?? {}).find((t) => t === "application/json" || t.endsWith("+json"));
  return type ? body?.content?.[type] : undefined;
}

/** The documented response for a status, falling back to `4XX`-style ranges and `default` as OpenAPI does. */
export function responseFor(doc: object, op: Operation, status: number): Content | undefined {
  const responses = (op.object.responses ?? {}) as Record<string, unknown>;
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return raw ? deref<Content>(doc, raw) : undefined;
}

/** The JSON schema of the response for a status, if the operation documents a JSON body for it. */
export function responseSchema(doc: object, op: Operation, status: number): Json | undefined {
  return jsonMedia(responseFor(doc, op, status))?.schema;
}

/** The named examples of the JSON response documented for exactly this status, by name. */
export function namedExamples(doc: object, op: Operation, status: number | string): Record<string, unknown> {
  const raw = (op.object.responses as Record<string, unknown> | undefined)?.[String(status)];
  return examplesOf(doc, jsonMedia(raw ? deref<Content>(doc, raw) : undefined), false);
}

/** The JSON request body an operation documents, if it takes one. */
export function requestBody(doc: object, op: Operation): { required: boolean; media: MediaType } | undefined {
  const body = op.object.requestBody ? deref<Content>(doc, op.object.requestBody) : undefined;
  const media = jsonMedia(body);
  return media ? { required: body?.required === true, media } : undefined;
}

/** The named examples of the JSON request body, plus a lone `example` under the name "example". */
export function namedRequestExamples(doc: object, op: Operation): Record<string, unknown> {
  return examplesOf(doc, requestBody(doc, op)?.media, true);
}

function examplesOf(
  doc: object,
  media: MediaType | undefined,
  withLoneExample: boolean,
): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  if (withLoneExample && media?.example !== undefined) examples.example = media.example;
  for (const [name, example] of Object.entries(media?.examples ?? {})) {
    examples[name] = deref<{ value?: unknown }>(doc, example).value;
  }
  return examples;
}

/** The documented 2xx statuses, as numbers. */
export function successStatuses(op: Operation): number[] {
  return op.statuses.filter((s) => /^2\d\d$/.test(s)).map(Number);
}

/** The documented 4xx and 5xx statuses, as numbers (ranges such as `4XX` and `default` are not statuses). */
export function errorStatuses(op: Operation): number[] {
  return op.statuses.filter((s) => /^[45]\d\d$/.test(s)).map(Number);
}

/** A schema with its `allOf` parts merged into one object, so moving a property between parts is no change. */
export function flatten(doc: object, raw: unknown): Json {
  const schema: Node = deref(doc, raw);
  if (!schema?.allOf) return schema;
  const merged: Node = {
    ...schema,
    properties: { ...schema.properties },
    required: [...(schema.required ?? [])],
  };
  delete merged.allOf;
  for (const part of (schema.allOf as unknown[]).map((p): Node => flatten(doc, p))) {
    merged.type ??= part.type;
    merged.nullable ??= part.nullable;
    Object.assign(merged.properties, part.properties);
    merged.required.push(...(part.required ?? []));
    for (const keyword of ["items", "enum", "format", "additionalProperties", "oneOf", "anyOf"]) {
      if (part[keyword] !== undefined) merged[keyword] ??= part[keyword];
    }
  }
  return merged;
}

/**
 * One branch of a oneOf/anyOf with the keywords around it: the branch's own keywords win, and its
 * properties and required names are added to the surrounding ones rather than replacing them.
 */
export function withVariant(around: Json, variant: Json): Json {
  const properties = { ...(around.properties as Json), ...(variant.properties as Json) };
  const required = [
    ...new Set([...((around.required as string[]) ?? []), ...((variant.required as string[]) ?? [])]),
  ];
  return { ...around, ...variant, properties, required };
}

/** A schema read by {@link normalize}: `allOf` merged, and every type it admits, `"null"` included. */
export interface NormalizedSchema {
  schema: Json;
  types: Set<string>;
}

/**
 * A schema with `allOf` merged and its nullability read into `types`: 3.0's `nullable: true` and 3.1's `"null"` member of
 * `type` (or a `{ type: "null" }` branch of anyOf/oneOf) all become a `null` in `types`.
 */
export function normalize(doc: object, raw: unknown): NormalizedSchema | undefined {
  let schema: Node = flatten(doc, raw);
  if (!schema || typeof schema !== "object") return undefined;
  const types = new Set<string>(schema.type === undefined ? [] : [schema.type].flat());
  if (schema.nullable === true) types.add("null");
  if (schema.const === null) types.add("null");
  for (const keyword of ["anyOf", "oneOf"]) {
    const variants: unknown[] | undefined = schema[keyword];
    if (!variants) continue;
    const rest = variants.filter((v) => deref(doc, v)?.type !== "null");
    if (rest.length === variants.length) continue;
    types.add("null");
    if (rest.length === 1) {
      const { [keyword]: _dropped, ...others } = schema;
      const inner = normalize(doc, rest[0]);
      for (const t of inner?.types ?? []) types.add(t);
      schema = { ...inner?.schema, ...others };
    } else {
      schema = { ...schema, [keyword]: rest };
    }
  }
  if (types.size === 0 || (types.size === 1 && types.has("null"))) {
    if (schema.properties) types.add("object");
    if (schema.items) types.add("array");
  }
  if (schema.enum?.includes(null)) types.add("null");
  return { schema, types };
}

/** The UUID `exampleValue` gives where a schema asks for one and documents none. */
export const SAMPLE_UUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** A parameter as `exampleValue` reads it: its schema and examples, `$ref`s allowed. */
export interface ParameterLike {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/**
 * A value the spec itself gives a parameter: its example, a named example, its schema's example, an
 * enum member or default, or else a value its type, pattern and format accept. Against a mock that
 * validates requests, this is what gets a documented answer back.
 */
export function exampleValue(doc: object, parameter: ParameterLike): string | number | boolean {
  const schema = parameter.schema ? deref(doc, parameter.schema) : {};
  const named = Object.values(parameter.examples ?? {})[0];
  const documented =
    parameter.example ??
    (named ? deref<{ value?: unknown }>(doc, named).value : undefined) ??
    schema.example ??
    (schema.examples as unknown[] | undefined)?.[0];
  if (typeof documented === "string" || typeof documented === "number" || typeof documented === "boolean") {
    return documented;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as string;
  if (schema.default !== undefined && typeof schema.default !== "object") return schema.default as string;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (typeof schema.pattern === "string") {
    // No general regex inverter: the first of a few common identifier shapes the pattern accepts.
    const pattern = new RegExp(schema.pattern, "u");
    const fits = ["sample", "123456789012345", SAMPLE_UUID, "sample_1", "SAMPLE", "+15551234567"].find((v) =>
      pattern.test(v),
    );
    if (fits) return fits;
  }
  switch (schema.format) {
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

// Which list style each GET answers with, the same reading @kapso/pagination's types make: `data`
// an array plus cursor `paging`, or plus page-number `meta`, or neither (a list without pages); or
// `data` an object holding the `events` array and its `pagination` (the log search).

/**
 * How a GET list answers: `cursor` (`data` plus cursor `paging`), `page` (`data` plus page-number
 * `meta`), `log-search` (`data.events` plus `data.pagination`) or `unpaginated` (`data` alone, one
 * page). The first three are @kapso/pagination's `PaginationStyle`, the names a paginated list goes by
 * everywhere: types, runtime, the mock's example chains and the contract checks.
 */
export type ListStyle = "cursor" | "page" | "log-search" | "unpaginated";

/** Every list style, in the order a body is tested: a body with both `paging` and `meta` is a cursor page. */
export const LIST_STYLES: readonly ListStyle[] = ["cursor", "page", "log-search", "unpaginated"];

/** The list style of an operation's 200 response, or undefined when it is not a list. */
export function listStyle(doc: object, op: Json): ListStyle | undefined {
  const responses = op.responses as Record<string, unknown> | undefined;
  const response = responses?.["200"] ? deref<Json>(doc, responses["200"]) : undefined;
  const content = response?.content as Record<string, Json> | undefined;
  return listStyleOfBody(doc, content?.["application/json"]?.schema);
}

/** The list style of a response body's schema, or undefined when it is not a list. */
export function listStyleOfBody(doc: object, schema: unknown): ListStyle | undefined {
  const props = ((schema && flatten(doc, schema)?.properties) ?? {}) as Json;
  const data = props.data ? flatten(doc, props.data) : undefined;
  const inData = (data?.properties ?? {}) as Json;
  if (inData.events && inData.pagination) return "log-search";
  if (data?.type !== "array") return undefined;
  if (props.paging) return "cursor";
  if (props.meta) return "page";
  return "unpaginated";
}

// Meta's Graph API addresses several kinds of object by their id alone, so Kapso's Meta proxy has
// operations whose URL templates differ only in the name of their parameter (`GET /{phone_number_id}`,
// `GET /{media_id}`, `GET /{flow_id}`). OpenAPI counts such templates as one path, so a document
// cannot hold them side by side. Ours keeps one path per template that stands for all of them (valid
// OpenAPI that a mock can serve), marked with `x-kapso-variants`: the names of the path items in
// `components.pathItems` that hold the real operations, each with its own template in `x-kapso-path`.
//
// Generated types, aliases and every tool that walks operations one by one read the document through
// `splitSharedTemplates`, which puts those path items back under their own templates.

/** The extension on a shared path naming the `components.pathItems` it stands for. */
export const SHARED_PATH_EXTENSION = "x-kapso-variants";
/** The extension on a path item in `components.pathItems` giving its own URL template. */
export const VARIANT_PATH_EXTENSION = "x-kapso-path";

const templateNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
const sharedRouteOf = (path: string) => path.replace(/\{[^}]+\}/g, "{}");

/**
 * The document as callers see it: each path marked with `x-kapso-variants` replaced, in place, by
 * the path items it names, each under its `x-kapso-path`; those path items leave
 * `components.pathItems`. A document without shared paths comes back as it is.
 *
 * Throws when a variant is missing, has no template, does not match the shared path's template, or
 * declares path parameters other than its template's (the check Redocly's `path-parameters-defined`
 * cannot make on path items kept in components).
 */
export function splitSharedTemplates(doc: Json): Json {
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  if (!Object.values(paths).some((item) => item && SHARED_PATH_EXTENSION in item)) return doc;
  const components = (doc.components ?? {}) as Record<string, Record<string, Json> | undefined>;
  const pathItems = { ...(components.pathItems ?? {}) };
  const split: Record<string, Json> = {};
  for (const [path, item] of Object.entries(paths)) {
    const names = item?.[SHARED_PATH_EXTENSION];
    if (names === undefined) {
      split[path] = item;
      continue;
    }
    if (!Array.isArray(names) || names.length === 0) {
      throw new CodegenError(
        `${path}: ${SHARED_PATH_EXTENSION} must list the names of path items in components.pathItems`,
      );
    }
    for (const name of names) {
      const raw = pathItems[name];
      if (raw === undefined) {
        throw new CodegenError(
          `${path}: ${SHARED_PATH_EXTENSION} names ${name}, which components.pathItems lacks`,
        );
      }
      const variant = deref<Json>(doc, raw);
      const template = variant[VARIANT_PATH_EXTENSION];
      if (typeof template !== "string" || sharedRouteOf(template) !== sharedRouteOf(path)) {
        throw new CodegenError(
          `components.pathItems.${name}: ${VARIANT_PATH_EXTENSION} must be a URL template like ${path}, not ${JSON.stringify(template)}`,
        );
      }
      if (template in split || template in paths) {
        throw new CodegenError(`components.pathItems.${name}: ${template} is defined twice`);
      }
      split[template] = variant;
      delete pathItems[name];
    }
  }
  const { pathItems: _folded, ...otherComponents } = components;
  const result: Json = {
    ...doc,
    paths: split,
    components: Object.keys(pathItems).length > 0 ? { ...otherComponents, pathItems } : otherComponents,
  };
  checkPathParameters(result);
  return result;
}

function checkPathParameters(doc: Json): void {
  for (const [key, operation] of operations(doc)) {
    const declared = [...parametersOf(doc, operation).values()]
      .filter((param) => param.in === "path")
      .map((param) => param.name as string)
      .sort();
    const expected = templateNames(operation.path).sort();
    if (declared.join(",") !== expected.join(",")) {
      throw new CodegenError(
        `${key}: path parameters ${JSON.stringify(declared)} do not match the template's ${JSON.stringify(expected)}`,
      );
    }
  }
}

/** Whether a path item is a shared path standing for several operations (kept for mocks, not typed). */
export function isSharedTemplate(item: unknown): boolean {
  return typeof item === "object" && item !== null && SHARED_PATH_EXTENSION in item;
}

/**
 * The list style of an answer body, read from its fields as @kapso/pagination reads them: `data` an
 * array beside `paging` (cursor) or `meta` (page), or alone (unpaginated); or `data.events` (log search).
 */
export function listStyleOfAnswer(body: unknown): ListStyle | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { data, paging, meta } = body as { data?: unknown; paging?: unknown; meta?: unknown };
  if (Array.isArray(data)) return paging ? "cursor" : meta ? "page" : "unpaginated";
  const events = (data as { events?: unknown } | null | undefined)?.events;
  return Array.isArray(events) ? "log-search" : undefined;
}
