import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKapsoClient, createKapsoClientWithTiming, type KapsoClientOptions } from "./client.js";
import { KapsoConfigError } from "./errors.js";
import type { KapsoLogger } from "./log.js";

const KEY = "kapso_log_secret_5e6f7a8b9c0d";
const EXECUTIONS = "/workflows/{workflow_id}/executions";
const SEEN_PATH = "/platform/v1/workflows/wf_1/executions";
const listInit = { params: { path: { workflow_id: "wf_1" }, query: { limit: 10 } } } as const;
const page = { data: [], paging: { cursors: { before: null, after: null }, next: null, previous: null } };

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A logger that records every call: its level and all of its arguments. */
function recordingLogger() {
  const calls: { level: string; args: unknown[] }[] = [];
  const logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (...args: unknown[]) => calls.push({ level, args }),
    ]),
  ) as unknown as KapsoLogger;
  return { logger, calls };
}

function client(options: KapsoClientOptions) {
  return createKapsoClientWithTiming(
    { apiKey: KEY, baseUrl: `${server.origin}/platform/v1`, ...options },
    { sleep: async () => {}, random: () => 1 },
  );
}

const retryThenOk = () =>
  server.handle((_req, res, attempt) => (attempt === 1 ? json(res, 503, {}) : json(res, 200, page)));

describe("logging", () => {
  it("logs one line per attempt at debug, with method, path, status, duration, attempt and decision", async () => {
    retryThenOk();
    const { logger, calls } = recordingLogger();
    const { data } = await client({ logLevel: "debug", logger }).GET(EXECUTIONS, listInit);
    expect(data).toEqual(page);
    expect(server.requests).toHaveLength(2);
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => call.level)).toEqual(["info", "debug"]);
    const [first, second] = calls.map((call) => call.args[0] as string);
    expect(first).toMatch(
      new RegExp(`^kapso: GET ${SEEN_PATH} 503 in \\d+ ms, attempt 1 of 3: retry in 500 ms$`),
    );
    expect(second).toMatch(new RegExp(`^kapso: GET ${SEEN_PATH} 200 in \\d+ ms, attempt 2 of 3: final$`));
    // Never the key, never the query string (it may carry identifiers), in any argument.
    for (const { args } of calls) {
      for (const arg of args) {
        expect(String(arg)).not.toContain(KEY);
        expect(JSON.stringify(arg)).not.toContain(KEY);
        expect(String(arg)).not.toContain("limit=");
      }
    }
  });

  it("adds where the rate limits stand when the answer says", async () => {
    server.handle((_req, res, attempt) =>
      attempt === 1
        ? json(res, 429, {}, { "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "Retry-After": "0" })
        : json(res, 202, page, {
            "X-RateLimit-Limit": "100",
            "X-RateLimit-Remaining": "98",
            "X-Burst-RateLimit-Limit": "5",
            "X-Burst-RateLimit-Remaining": "4",
          }),
    );
    const { logger, calls } = recordingLogger();
    await client({ logLevel: "debug", logger }).GET(EXECUTIONS, listInit);
    expect(calls.map((call) => call.args[0])).toEqual([
      expect.stringMatching(/ 429 in \d+ ms, attempt 1 of 3: retry in 0 ms; rate limit 0 of 100 left$/),
      expect.stringMatching(
        / 202 in \d+ ms, attempt 2 of 3: final; rate limit 98 of 100 left, burst 4 of 5 left$/,
      ),
    ]);
  });

  it("names the failure of an attempt that got no response", async () => {
    server.handle((_req, res) => res.socket?.destroy());
    const { logger, calls } = recordingLogger();
    await client({ logLevel: "debug", logger, maxRetries: 1 })
      .GET(EXECUTIONS, listInit)
      .catch(() => {});
    expect(calls.map((call) => call.args[0])).toEqual([
      expect.stringMatching(/ network in \d+ ms, attempt 1 of 2: retry in 500 ms$/),
      expect.stringMatching(/ network in \d+ ms, attempt 2 of 2: final$/),
    ]);
  });

  it("logs only retried attempts at info", async () => {
    retryThenOk();
    const { logger, calls } = recordingLogger();
    await client({ logLevel: "info", logger }).GET(EXECUTIONS, listInit);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0]).toContain("503");
  });

  it.each(["warn", "error", "off"] as const)("logs nothing at %s", async (logLevel) => {
    retryThenOk();
    const { logger, calls } = recordingLogger();
    await client({ logLevel, logger }).GET(EXECUTIONS, listInit);
    expect(server.requests).toHaveLength(2);
    expect(calls).toEqual([]);
  });

  it("defaults to warn on console, and takes the level from KAPSO_LOG", async () => {
    vi.stubEnv("KAPSO_LOG", undefined);
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    retryThenOk();
    await client({}).GET(EXECUTIONS, listInit);
    expect(debug).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();

    vi.stubEnv("KAPSO_LOG", "debug");
    retryThenOk();
    await client({}).GET(EXECUTIONS, listInit);
    expect(info).toHaveBeenCalledTimes(1);
    expect(debug).toHaveBeenCalledTimes(1);
  });

  it("prefers the logLevel option over KAPSO_LOG", async () => {
    vi.stubEnv("KAPSO_LOG", "debug");
    retryThenOk();
    const { logger, calls } = recordingLogger();
    await client({ logLevel: "off", logger }).GET(EXECUTIONS, listInit);
    expect(calls).toEqual([]);
  });

  it("treats an environment it may not read (Deno without --allow-env) as unset", () => {
    const denied = Object.assign(new Error("Requires env access"), { name: "NotCapable" });
    vi.stubGlobal("process", {
      env: new Proxy(
        {},
        {
          get: () => {
            throw denied;
          },
        },
      ),
    });
    // Restored before the test yields: Node's own streams read `process` too, and a socket event
    // while it is stubbed throws from inside Node.
    try {
      expect(() => createKapsoClient({ apiKey: KEY })).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("refuses an unknown level, from the option or from KAPSO_LOG, naming it", () => {
    const fromOption = () => createKapsoClient({ apiKey: KEY, logLevel: "verbose" as never });
    expect(fromOption).toThrow(KapsoConfigError);
    expect(fromOption).toThrow('logLevel must be one of off, error, warn, info, debug, got "verbose"');
    vi.stubEnv("KAPSO_LOG", "trace");
    const fromEnv = () => createKapsoClient({ apiKey: KEY });
    expect(fromEnv).toThrow(KapsoConfigError);
    expect(fromEnv).toThrow('KAPSO_LOG must be one of off, error, warn, info, debug, got "trace"');
  });

  it("refuses a logger without the four methods", () => {
    const create = () => createKapsoClient({ apiKey: KEY, logger: { debug() {} } as never });
    expect(create).toThrow(KapsoConfigError);
    expect(create).toThrow("logger must have debug, info, warn and error methods");
  });
});
