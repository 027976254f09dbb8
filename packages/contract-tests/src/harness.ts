/** How the suite reaches an operation: through @kapso/client, exactly as a user would. */
import { createKapsoClient, type KapsoClient } from "@kapso/client";
import type { Operation } from "@kapso/codegen/spec";
import { querySerializerFor, type SpecRequest } from "./requests.js";

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
  return { client, sent };
}

type AnyMethod = (path: string, init: unknown) => Promise<CallResult>;

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
  return method(op.path, {
    params: request.params,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(querySerializer ? { querySerializer } : {}),
    headers,
  });
}

/** Body of a result, whichever branch openapi-fetch put it in. */
export function bodyOf(result: CallResult): unknown {
  return result.response.ok ? result.data : result.error;
}
