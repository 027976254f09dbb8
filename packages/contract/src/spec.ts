/**
 * Reading an OpenAPI document: the one module of this package that imports the spec library of
 * @kapso/codegen (the walker the generator itself uses, so both read a document the same way).
 * Everything else here asks this module which operations exist, what they take and what they answer.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as specLibrary from "@kapso/codegen/spec";
import { parse as parseYaml } from "yaml";

export type JsonSchema = Record<string, unknown>;

/** A bundled OpenAPI document, as {@link loadSpec} reads it; only the parts the checks use are typed. */
export interface Document {
  /** The OpenAPI version the document declares, e.g. `"3.1.0"`. */
  openapi?: string;
  /** The operations by path template, then by lower-case method; {@link loadSpec} ensures it is there. */
  paths?: Record<string, Record<string, unknown>>;
  /** The schemas, responses and parameters the operations `$ref`, by kind and then by name. */
  components?: Record<string, Record<string, unknown>>;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown } | { $ref: string }>;
}

interface MediaType {
  schema?: JsonSchema;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** Documented statuses as the spec spells them: "200", "4XX", "default"... */
  statuses: string[];
  responses: Record<string, unknown>;
}

export const requireHere = createRequire(import.meta.url);

/** The document shipped in @kapso/types: what the packages a user compiles against were built from. */
export function shippedSpecPath(): string {
  return requireHere.resolve("@kapso/types/openapi.json");
}

/** Reads a bundled (single-file) document, JSON or YAML; throws naming the file and the problem. */
export function loadSpec(file: string): Document {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read the spec ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `the spec ${file} is not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const paths = (doc as Document | null)?.paths;
  if (!doc || typeof doc !== "object" || !paths || typeof paths !== "object") {
    throw new Error(`the spec ${file} has no "paths": it is not an OpenAPI document`);
  }
  return doc as Document;
}

/** Follows local `$ref`s to the object they name. */
export function deref<T = JsonSchema>(doc: Document, node: unknown): T {
  return specLibrary.deref<T>(doc, node);
}

/** Every operation of the document, in document order, with its path-level parameters merged in. */
export function operationsOf(doc: Document): Operation[] {
  const found: Operation[] = [];
  for (const walked of specLibrary.operations(doc).values()) {
    const method = walked.method.toUpperCase();
    const responses = (walked.op.responses ?? {}) as Record<string, unknown>;
    found.push({
      operationId: (walked.op.operationId as string | undefined) ?? `${method} ${walked.path}`,
      method,
      path: walked.path,
      parameters: [...specLibrary.parametersOf(doc, walked).values()] as unknown as Parameter[],
      statuses: Object.keys(responses),
      responses,
    });
  }
  return found;
}

/** The documented response for a status, falling back to `4XX`-style ranges and `default` as OpenAPI does. */
function responseFor(
  doc: Document,
  op: Operation,
  status: number,
): { content?: Record<string, MediaType> } | undefined {
  const raw = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  return raw ? deref(doc, raw) : undefined;
}

/** Whether the operation documents this status at all (exactly, by range, or by `default`). */
export function documentsStatus(doc: Document, op: Operation, status: number): boolean {
  return responseFor(doc, op, status) !== undefined;
}

/** The JSON schema of the response for a status, if the operation documents a JSON body for it. */
export function responseSchema(doc: Document, op: Operation, status: number): JsonSchema | undefined {
  const content = responseFor(doc, op, status)?.content ?? {};
  const type = Object.keys(content).find((t) => t === "application/json" || t.endsWith("+json"));
  return type ? content[type]?.schema : undefined;
}

/** How a list answer says where the next page is, read from its 200 schema. */
export type ListStyle = "cursor" | "page";

/** Whether the 200 body is a list (`data: []`), paginated or not. */
export function isList(doc: Document, op: Operation): boolean {
  const style = specLibrary.listStyleOfBody(doc, responseSchema(doc, op, 200));
  return style === "cursor" || style === "page" || style === "unpaginated";
}

/** Whether the 200 body is a list page (`data: []` plus `paging` or `meta`), and which style. */
export function listStyle(doc: Document, op: Operation): ListStyle | undefined {
  // Like the paginator, `paging` wins when a list documents both. Log-search pages are not followed.
  const style = specLibrary.listStyleOfBody(doc, responseSchema(doc, op, 200));
  return style === "cursor" || style === "page" ? style : undefined;
}

/**
 * A value for a parameter from the spec itself: its example, its schema's example, an enum member
 * or default, or a value its type and format accept. Against a mock that validates requests this
 * is what gets a documented answer back.
 */
export function exampleValue(doc: Document, parameter: Parameter): string | number | boolean {
  return specLibrary.exampleValue(doc, parameter);
}
