/**
 * Reads a request as it went out on the wire, the way a server that follows the spec reads it: path
 * parameters from their percent-encoded segments, query parameters by their documented `style` and
 * `explode` (OpenAPI's defaults: form, exploded), the body as JSON. Comparing the result with what
 * the caller passed to the client checks the client's serialization where the mock is lenient: Prism
 * ignores query keys it does not know and does not validate free-form objects such as the database
 * `filters`, so a client that sent `filters[status]=…` instead of `status=…` would pass it unseen.
 */
import { flatten, type Json as JsonSchema, type Operation, type Parameter } from "@kapso/codegen/spec";

export interface ReadRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

/** Throws, naming the problem, when the request cannot be what the spec describes. */
export async function readRequest(
  doc: object,
  op: Operation,
  baseUrl: string,
  request: Request,
): Promise<ReadRequest> {
  const url = new URL(request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(basePath)) throw new Error(`${url.pathname} is not under ${basePath}`);
  return {
    path: readPath(op, url.pathname.slice(basePath.length)),
    query: readQuery(doc, op, url.searchParams),
    body: await readBody(request),
  };
}

function readPath(op: Operation, pathname: string): Record<string, string> {
  const template = op.path.split("/");
  const segments = pathname.split("/");
  if (segments.length !== template.length) {
    throw new Error(`path ${pathname} does not have the ${template.length - 1} segments of ${op.path}`);
  }
  const values: Record<string, string> = {};
  template.forEach((part, index) => {
    const segment = segments[index] ?? "";
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name) values[name] = decodeURIComponent(segment);
    else if (segment !== part)
      throw new Error(`path ${pathname} has ${segment} where ${op.path} has ${part}`);
  });
  return values;
}

type Kind = "scalar" | "array" | "object";

function kindOf(schema: JsonSchema): Kind {
  const type = schema.type;
  if (type === "array" || schema.items) return "array";
  if (type === "object" || schema.properties || schema.additionalProperties) return "object";
  return "scalar";
}

function readQuery(doc: object, op: Operation, search: URLSearchParams): Record<string, unknown> {
  const declared = op.parameters.filter((p) => p.in === "query");
  const names = new Set(declared.map((p) => p.name));
  const claimed = new Set<string>();
  const query: Record<string, unknown> = {};
  for (const parameter of declared) {
    const schema = flatten(doc, parameter.schema ?? {});
    const style = parameter.style ?? "form";
    const explode = parameter.explode ?? style === "form";
    const kind = kindOf(schema);
    let value: unknown;
    if (kind === "object" && style === "form" && explode) {
      // Each property is its own query parameter: every key no other parameter declares.
      const entries = [...search.entries()].filter(([key]) => !names.has(key));
      for (const [key] of entries) claimed.add(key);
      if (entries.length > 0)
        value = Object.fromEntries(
          entries.map(([key, text]) => [key, scalar(doc, extraSchema(doc, schema), text)]),
        );
    } else if (kind === "object" && style === "deepObject") {
      const prefix = `${parameter.name}[`;
      const entries = [...search.entries()].filter(([key]) => key.startsWith(prefix) && key.endsWith("]"));
      for (const [key] of entries) claimed.add(key);
      if (entries.length > 0) {
        value = Object.fromEntries(
          entries.map(([key, text]) => [
            key.slice(prefix.length, -1),
            scalar(doc, extraSchema(doc, schema), text),
          ]),
        );
      }
    } else {
      claimed.add(parameter.name);
      const texts = search.getAll(parameter.name);
      if (texts.length === 0) continue;
      if (kind === "array") {
        const items = flatten(doc, schema.items ?? {});
        const parts = explode ? texts : one(parameter, texts).split(delimiter(style));
        value = parts.map((text) => scalar(doc, items, text));
      } else if (kind === "object") {
        // form, not exploded: key,value,key,value
        const parts = one(parameter, texts).split(",");
        value = Object.fromEntries(
          parts.flatMap((part, i) =>
            i % 2 === 0 ? [[part, scalar(doc, extraSchema(doc, schema), parts[i + 1] ?? "")]] : [],
          ),
        );
      } else {
        value = scalar(doc, schema, one(parameter, texts));
      }
    }
    if (value !== undefined) query[parameter.name] = value;
  }
  const unknown = [...search.keys()].filter((key) => !claimed.has(key));
  if (unknown.length > 0) {
    throw new Error(`query parameters the operation does not declare: ${[...new Set(unknown)].join(", ")}`);
  }
  return query;
}

function one(parameter: Parameter, texts: string[]): string {
  if (texts.length > 1) throw new Error(`query parameter ${parameter.name} was sent ${texts.length} times`);
  return texts[0] ?? "";
}

function delimiter(style: string): string {
  return style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
}

function extraSchema(doc: object, schema: JsonSchema): JsonSchema {
  const extra = schema.additionalProperties;
  return extra && typeof extra === "object" ? flatten(doc, extra) : {};
}

/** A query or path text read back as the type its schema gives it. */
function scalar(doc: object, schema: JsonSchema, text: string): unknown {
  const types = scalarTypes(doc, schema);
  if (types.has("string") || types.size === 0) return text;
  if ((types.has("integer") || types.has("number")) && text.trim() !== "" && !Number.isNaN(Number(text))) {
    return Number(text);
  }
  if (types.has("boolean") && (text === "true" || text === "false")) return text === "true";
  return text; // Left as text, so the comparison with what was passed shows the difference.
}

function scalarTypes(doc: object, schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  if (Array.isArray(schema.type)) for (const type of schema.type) types.add(type as string);
  else if (typeof schema.type === "string") types.add(schema.type);
  if (Array.isArray(schema.enum)) for (const member of schema.enum) types.add(typeof member);
  for (const variant of [...((schema.anyOf ?? []) as unknown[]), ...((schema.oneOf ?? []) as unknown[])]) {
    for (const type of scalarTypes(doc, flatten(doc, variant))) types.add(type);
  }
  return types;
}

async function readBody(request: Request): Promise<unknown> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return readForm(await request.formData());
  }
  const text = await request.text();
  if (text === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]+\+)?json\b/.test(type)) {
    throw new Error(`a body was sent as ${JSON.stringify(type)}, not as JSON`);
  }
  return JSON.parse(text);
}

/** A multipart body's fields: text as text, each file by its name, media type and content. */
async function readForm(form: FormData): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (name in fields) throw new Error(`the form field ${name} was sent twice`);
    fields[name] =
      typeof value === "string"
        ? value
        : { filename: value.name, type: value.type, text: await value.text() };
  }
  return fields;
}
