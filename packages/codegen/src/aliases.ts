// Named aliases over openapi-typescript's output: `Workflow` instead of
// `components["schemas"]["Workflow"]`, `ListWorkflowsQuery` instead of
// `NonNullable<operations["listWorkflows"]["parameters"]["query"]>`. Each carries its schema's
// description or its operation's summary, so editors show the same text the spec has.
import { CodegenError } from "./errors.js";
import { type NamedOperation, operationsById } from "./operations.js";
import { deref, type Json } from "./spec.js";
import { tsdoc } from "./tsdoc.js";
import { webhookAliases } from "./webhook-aliases.js";

/** Declares each alias name once; two schemas or operations that would share a name are an error. */
export type Declare = (name: string, type: string) => string;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** The source of `aliases.ts`: schema, operation and webhook aliases over `./schema.js`. */
export function aliasesSource(doc: Json, header: string): string {
  const schemas = (doc.components as { schemas?: Record<string, Json> } | undefined)?.schemas ?? {};
  const lines = [header, 'import type { components, operations, webhooks } from "./schema.js";', ""];
  lines.push("// Schemas");
  for (const [name, schema] of Object.entries(schemas)) {
    lines.push(...tsdoc((schema.description ?? schema.title) as string | undefined));
    lines.push(`export type ${name} = components["schemas"]["${name}"];`);
  }
  lines.push("", "// Operations: parameters, request bodies and success responses");
  const seen = new Set(Object.keys(schemas));
  const declare: Declare = (name, type) => {
    if (seen.has(name)) {
      throw new CodegenError(`alias ${name} is defined twice; rename the schema or the operation`);
    }
    seen.add(name);
    return `export type ${name} = ${type};`;
  };
  for (const operation of operationsById(doc)) lines.push(...operationAliases(doc, operation, declare));
  lines.push(...webhookAliases(doc, declare));
  return `${lines.join("\n")}\n`;
}

function operationAliases(doc: Json, { id, op, params, method, path }: NamedOperation, declare: Declare) {
  const lines: string[] = [];
  const Op = pascal(id);
  const ref = `operations["${id}"]`;
  const title = `${typeof op.summary === "string" ? op.summary : id} (\`${method.toUpperCase()} ${path}\`)`;
  const emit = (name: string, type: string, what: string) => {
    lines.push(...tsdoc(`${title}: ${what}.`), declare(name, type));
  };
  if (params.some((p) => p.in === "path")) {
    emit(`${Op}PathParams`, `${ref}["parameters"]["path"]`, "path parameters");
  }
  if (params.some((p) => p.in === "query")) {
    emit(`${Op}Query`, `NonNullable<${ref}["parameters"]["query"]>`, "query parameters");
  }
  const body = op.requestBody ? deref<Json>(doc, op.requestBody) : undefined;
  if ((body?.content as Json | undefined)?.["application/json"]) {
    const requestBody = body?.required ? `${ref}["requestBody"]` : `NonNullable<${ref}["requestBody"]>`;
    emit(`${Op}RequestBody`, `${requestBody}["content"]["application/json"]`, "the JSON request body");
  }
  const responses = (op.responses as Record<string, unknown> | undefined) ?? {};
  const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (success) {
    const response = deref<Json>(doc, responses[success]);
    const content = (response.content as Json | undefined) ?? {};
    // A body in another media type (a file download) is typed as that media type says, not as void.
    const mediaType = "application/json" in content ? "application/json" : Object.keys(content)[0];
    if (mediaType === "application/json") {
      emit(
        `${Op}Response`,
        `${ref}["responses"][${success}]["content"]["application/json"]`,
        `the JSON body of the ${success} response`,
      );
    } else if (mediaType) {
      emit(
        `${Op}Response`,
        `${ref}["responses"][${success}]["content"]["${mediaType}"]`,
        `the ${mediaType} body of the ${success} response`,
      );
    } else {
      emit(`${Op}Response`, "void", `the ${success} response has no body`);
    }
  }
  return lines;
}
