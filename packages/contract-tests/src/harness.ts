/** How the suite reaches an operation: through @kapso/client, exactly as a user would. */
import { createKapsoClient, type KapsoClient } from "@kapso/client";
import {
  type Json,
  namedExamples,
  type Operation,
  responseFor,
  successStatuses,
  VARIANT_PATH_EXTENSION,
} from "@kapso/codegen/spec";
import { type FormFields, formBody, querySerializerFor, type SpecRequest } from "./requests.js";

/** An openapi-fetch middleware, as `client.use()` takes it. */
export type Middleware = Parameters<KapsoClient["use"]>[number];

export const TEST_API_KEY = "kapso-contract-test-key";

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface MockClient {
  client: KapsoClient;
  /** A copy of each request the client handed to fetch, as it went on the wire. */
  sent: Request[];
}

/** The base URL each client of {@link mockClient} was made with, for the operations served elsewhere. */
const baseUrls = new WeakMap<KapsoClient, string>();

function baseUrlOf(client: KapsoClient): string {
  const baseUrl = baseUrls.get(client);
  if (baseUrl === undefined) throw new Error("call() takes clients made by mockClient()");
  return baseUrl;
}

/** A client of the mock at `baseUrl` that keeps a copy of every request it sends. */
export function mockClient(
  baseUrl: string,
  options: { withoutApiKey?: boolean; middleware?: Middleware[] } = {},
): MockClient {
  const sent: Request[] = [];
  const client = createKapsoClient({
    baseUrl,
    apiKey: TEST_API_KEY,
    maxRetries: 0,
    timeoutMs: 10_000,
    fetch: (input, init) => {
      const request = new Request(input, init);
      // The client refuses to send a request without a key, so a request that reaches the API
      // without one is made by removing the header below the client, where a misconfigured proxy would.
      if (options.withoutApiKey) request.headers.delete("X-API-Key");
      sent.push(request.clone());
      return fetch(request);
    },
  });
  for (const middleware of options.middleware ?? []) client.use(middleware);
  baseUrls.set(client, baseUrl);
  return { client, sent };
}

type AnyMethod = (path: string, init: unknown) => Promise<CallResult>;

/**
 * Where an operation is served on the mock at `mockUrl`. An operation with a server of its own (the
 * WhatsApp media download, on `/meta/whatsapp` rather than `/meta/whatsapp/v24.0`) is on the mock's
 * origin under that server's path, as a client reaches it on its base URL's origin.
 */
export function operationBaseUrl(doc: object, op: Operation, mockUrl: string): string {
  const own = (op.object.servers as Array<{ url?: string }> | undefined)?.[0]?.url;
  if (own === undefined) return mockUrl;
  const documentServer = ((doc as Json).servers as Array<{ url?: string }> | undefined)?.[0]?.url;
  const documentPath = documentServer ? new URL(documentServer).pathname.replace(/\/+$/, "") : "";
  const mock = new URL(mockUrl);
  const mockPath = mock.pathname.replace(/\/+$/, "");
  const root = mockPath.endsWith(documentPath)
    ? mockPath.slice(0, mockPath.length - documentPath.length)
    : mockPath;
  return `${mock.origin}${root}${new URL(own).pathname.replace(/\/+$/, "")}`;
}

/**
 * The `Prefer` header an operation needs by default. An operation that shares its URL template with
 * others (`/{media_id}` and `/{flow_id}` are one path to the mock) asks for its own first success
 * example, since the mock cannot tell from the URL which one is meant; any other needs none.
 */
function defaultPrefer(doc: object, op: Operation): string | undefined {
  const item = ((doc as Json).paths as Record<string, Json> | undefined)?.[op.path];
  if (item?.[VARIANT_PATH_EXTENSION] === undefined) return undefined;
  for (const status of successStatuses(op)) {
    const [example] = Object.keys(namedExamples(doc, op, status));
    if (example !== undefined) return `example=${example}`;
  }
  return undefined;
}

/**
 * Calls any operation of a document by its method and path template, with the query serializer the
 * spec tells users to pass for an object query parameter.
 */
export function call(
  client: KapsoClient,
  doc: object,
  op: Operation,
  request: Omit<SpecRequest, "title">,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  // The typed methods take each path's own parameter types; the suite reaches all paths through one.
  const method = (client as unknown as Record<string, AnyMethod>)[op.method];
  if (!method) throw new Error(`the client has no ${op.method} method`);
  const querySerializer = querySerializerFor(doc, op);
  const prefer = defaultPrefer(doc, op);
  const body = formBody(doc, op) && request.body ? formData(request.body as FormFields) : request.body;
  const binary = successStatuses(op).some((status) => binaryMediaType(doc, op, status) !== undefined);
  const callerPrefers = Object.keys(headers).some((name) => name.toLowerCase() === "prefer");
  return method(op.path, {
    params: request.params,
    ...(body === undefined ? {} : { body }),
    ...(querySerializer ? { querySerializer } : {}),
    ...(binary ? { parseAs: "blob" } : {}),
    ...(op.object.servers ? { baseUrl: operationBaseUrl(doc, op, baseUrlOf(client)) } : {}),
    headers: prefer === undefined || callerPrefers ? headers : { ...headers, Prefer: prefer },
  });
}

/** An upload's fields as the FormData a user passes as the body. */
function formData(fields: FormFields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new File([value.text], value.filename, { type: value.type }));
  }
  return form;
}

/** The media type of a documented answer that is not JSON (a file's bytes), if it is one. */
export function binaryMediaType(doc: object, op: Operation, status: number): string | undefined {
  const types = Object.keys(responseFor(doc, op, status)?.content ?? {});
  if (types.length === 0 || types.some((type) => /^application\/([a-z.+-]+\+)?json$/.test(type)))
    return undefined;
  return types[0];
}

/** Body of a result, whichever branch openapi-fetch put it in. */
export function bodyOf(result: CallResult): unknown {
  return result.response.ok ? result.data : result.error;
}
