/** How the suite reaches an operation: through @kapso/client, exactly as a user would. */
import { createKapsoClient, type KapsoClient } from "@kapso/client";
import type { Operation } from "./spec.js";

/** An openapi-fetch middleware, as `client.use()` takes it. */
export type Middleware = Parameters<KapsoClient["use"]>[number];

export const TEST_API_KEY = "kapso-contract-test-key";

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface CallInit {
  params?: {
    path?: Record<string, string>;
    query?: Record<string, unknown>;
    header?: Record<string, string>;
  };
  body?: unknown;
  headers?: Record<string, string>;
}

export function mockClient(
  baseUrl: string,
  options: { withoutApiKey?: boolean; middleware?: Middleware[] } = {},
): KapsoClient {
  const client = createKapsoClient({
    baseUrl,
    apiKey: TEST_API_KEY,
    maxRetries: 0,
    timeoutMs: 10_000,
    // The client refuses to send a request without a key, so a request that reaches the API without
    // one is made by removing the header below the client, where a misconfigured proxy would.
    ...(options.withoutApiKey ? { fetch: withoutApiKey } : {}),
  });
  for (const middleware of options.middleware ?? []) client.use(middleware);
  return client;
}

function withoutApiKey(input: Request | string, init: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  request.headers.delete("X-API-Key");
  return fetch(request);
}

export function preferHeader(
  prefer: { example?: string; code?: number } | undefined,
): Record<string, string> {
  const parts: string[] = [];
  if (prefer?.code !== undefined) parts.push(`code=${prefer.code}`);
  if (prefer?.example !== undefined) parts.push(`example=${prefer.example}`);
  return parts.length > 0 ? { Prefer: parts.join(", ") } : {};
}

type AnyMethod = (path: string, init: unknown) => Promise<CallResult>;

/** Calls any operation of the spec by its method and path template. */
export function call(client: KapsoClient, op: Operation, init: CallInit): Promise<CallResult> {
  const method = (client as unknown as Record<string, AnyMethod>)[op.method];
  if (!method) throw new Error(`the client has no ${op.method} method`);
  return method(op.path, {
    params: {
      path: init.params?.path ?? {},
      query: init.params?.query ?? {},
      header: init.params?.header ?? {},
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    headers: init.headers ?? {},
  });
}

/** Body of a result, whichever branch openapi-fetch put it in. */
export function bodyOf(result: CallResult): unknown {
  return result.response.ok ? result.data : result.error;
}
