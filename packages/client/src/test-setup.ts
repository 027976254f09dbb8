// Shared by the hardening tests: a client on a loopback server whose waits between attempts are skipped.
import { type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll } from "vitest";
import { createKapsoClientWithTiming, type KapsoClientOptions } from "./client.js";

export const KEY = "kapso_test_secret_9f8e7d6c5b4a";

type Result = { data?: unknown; error?: unknown; response: Response };
/** The client with its paths untyped, for requests the spec's types would refuse on purpose. */
type Method = (path: string, init?: Record<string, unknown>) => Promise<Result>;
export type RawClient = Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD", Method> & {
  use(...middleware: object[]): void;
};

export function loopbackClient(server: LoopbackServer, options: KapsoClientOptions = {}): RawClient {
  return createKapsoClientWithTiming(
    { apiKey: KEY, baseUrl: `${server.origin}/platform/v1`, ...options },
    {
      sleep: async (_ms, signal) => signal?.throwIfAborted(),
      random: () => 0,
    },
  ) as unknown as RawClient;
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (error: Error) => error,
  );
}

/**
 * Starts two loopback servers, on two origins, before the file's tests and closes them after;
 * `started` receives them, for the file to keep (a second origin shows where a key or a redirect goes).
 */
export function startLoopbackServerPair(
  started: (server: LoopbackServer, other: LoopbackServer) => void,
): void {
  let servers: LoopbackServer[] = [];
  beforeAll(async () => {
    const [server, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
    servers = [server, other];
    started(server, other);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
}
