// Malformed responses from a loopback server, through the client: whatever the server sends, a call
// either returns a result or rejects with a KapsoError, within its timeout, in bounded memory, and
// no error ever shows the API key. Fixed seed, so every run tries the same cases.
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import {
  dropBeforeHeaders,
  dropMidBody,
  flood,
  type LoopbackServer,
  rawResponse,
  sendBytes,
  stallAfterHeaders,
  startLoopbackServer,
  truncated,
} from "@kapso/test-support";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KapsoError } from "./errors.js";
import { KEY, loopbackClient, type RawClient } from "./test-setup.js";

const CASES = 10_000;
const CONCURRENCY = 32;
const SEED = 20_261_207;

type Kind =
  | "json"
  | "truncated"
  | "bytes"
  | "raw"
  | "redirect"
  | "dropMid"
  | "dropBefore"
  | "stall"
  | "flood";

interface Case {
  method: "GET" | "POST" | "DELETE";
  kind: Kind;
  status: number;
  contentType: string | undefined;
  body: Uint8Array;
  headers: [string, string][];
  statusLine: string;
  location: string;
  floodBytes: number;
}

const printable = fc.stringMatching(/^[ -~]{0,300}$/);
const headerValue = fc.oneof(
  printable,
  fc.constantFrom("-1", "0", "1e9", "999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "NaN", "", " "),
);
const bodyText = fc.oneof(
  fc.json().map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 600 }),
  fc
    .constantFrom(
      "NaN",
      "<!doctype html><p>down</p>",
      "null",
      "",
      "{}",
      "[]",
      '"text"',
      '{"data":[',
      "\uFEFF{}",
      "Infinity",
    )
    .map((text) => new TextEncoder().encode(text)),
);
const kind = fc.oneof(
  {
    arbitrary: fc.constantFrom<Kind>(
      "json",
      "truncated",
      "bytes",
      "raw",
      "redirect",
      "dropMid",
      "dropBefore",
    ),
    weight: 28,
  },
  { arbitrary: fc.constant<Kind>("stall"), weight: 1 },
  { arbitrary: fc.constant<Kind>("flood"), weight: 1 },
);
const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom("GET", "POST", "DELETE"),
  kind,
  status: fc.constantFrom(
    200,
    201,
    202,
    204,
    205,
    300,
    301,
    302,
    303,
    304,
    307,
    308,
    400,
    401,
    404,
    408,
    409,
    422,
    429,
    500,
    502,
    503,
    504,
    599,
  ),
  contentType: fc.option(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/html",
      "text/plain",
      "application/octet-stream",
      "application/problem+json",
      "image/png",
      "",
    ),
    { nil: undefined },
  ),
  body: bodyText,
  headers: fc.array(
    fc.tuple(
      fc.constantFrom(
        "x-request-id",
        "retry-after",
        "content-type",
        "x-junk",
        "cf-ray",
        "content-encoding",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-burst-ratelimit-remaining",
      ),
      headerValue,
    ),
    { maxLength: 3 },
  ),
  statusLine: fc.constantFrom(
    "HTTP/1.1 200 OK",
    "HTTP/1.1 999 Weird",
    "HTTP/1.1 abc",
    "HTTP/1.1 600 Beyond",
    "HTTP/1.0 503",
    "garbage",
    "HTTP/1.1 200 OK\r\nContent-Length: -5",
    "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 20",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
    "HTTP/1.1 200 OK\r\nX-Bad: \u0001\u0002",
    "HTTP/1.1 200 OK\r\nContent-Length: 3",
  ),
  location: fc.constantFrom(
    "http://evil.example/steal",
    "//evil.example/x",
    "http://[",
    "/platform/v1/fuzz/loop",
    "",
    "relative",
  ),
  floodBytes: fc.integer({ min: 100_000, max: 2_000_000 }),
});

const cases = new Map<string, Case>();
let served = 0;
const reached = new Set<string>();

function answer(c: Case, res: ServerResponse) {
  served++;
  const headers: Record<string, string> = {};
  for (const [name, value] of c.headers) headers[name] = value;
  if (c.contentType !== undefined) headers["content-type"] = c.contentType;
  const head = { status: c.status, headers };
  switch (c.kind) {
    case "json":
      return sendBytes(res, c.body, head);
    case "truncated":
      return truncated(res, new TextDecoder().decode(c.body), Math.floor(c.body.length / 2), head);
    case "bytes":
      return sendBytes(res, c.body, { ...head, headers: { ...headers, "content-type": "application/json" } });
    case "raw": {
      const lines = c.headers.map(([name, value]) => `${name}: ${value}`).join("\r\n");
      const top = new TextEncoder().encode(`${c.statusLine}\r\n${lines}${lines ? "\r\n" : ""}\r\n`);
      const raw = new Uint8Array(top.length + c.body.length);
      raw.set(top);
      raw.set(c.body, top.length);
      return rawResponse(res, raw);
    }
    case "redirect":
      res.writeHead(307 + (c.status % 2), { location: c.location, ...headers });
      return void res.end();
    case "dropMid":
      return dropMidBody(res, new TextDecoder().decode(c.body.subarray(0, 100)) || "{", head);
    case "dropBefore":
      return dropBeforeHeaders(res);
    case "stall":
      return stallAfterHeaders(res, "{", head);
    case "flood":
      return flood(res, { ...head, status: c.status, totalBytes: c.floodBytes, prefix: '{"data":"' });
  }
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, res) => {
    const id = request.path.split("/").at(-1) ?? "";
    const c = cases.get(id);
    if (c) reached.add(id);
    if (c) answer(c, res);
    else res.writeHead(404).end();
  });
});
afterAll(() => server.close());

const renderings = (error: unknown) => [
  String(error),
  (error as Error).message ?? "",
  JSON.stringify(error) ?? "",
  inspect(error, { depth: 6, showHidden: true }),
];

// About 25 s on an idle 2-core machine; the limit is a safety net for one shared with a whole test run.
it(`${CASES} malformed responses: every failure a KapsoError, bounded memory, never the key`, {
  timeout: 600_000,
}, async () => {
  const samples = fc.sample(caseArbitrary, { numRuns: CASES, seed: SEED });
  // A 429 pauses every call of a client until its Retry-After (capped by maxRetryAfterMs): the cap
  // is short here so that thousands of random 429s with random Retry-Afters fit in the run.
  const kapso: RawClient = loopbackClient(server, {
    timeoutMs: 150,
    maxRetries: 1,
    maxRetryAfterMs: 20,
    maxResponseBytes: 256 * 1024,
  });
  const outcomes: Record<string, number> = {};
  const unreached: string[] = [];
  const untyped: string[] = [];
  let slowest = { ms: 0, kind: "", method: "" };
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let next = 0;

  async function run(index: number) {
    const c = samples[index] as Case;
    const id = `c${index}`;
    cases.set(id, c);
    const started = performance.now();
    let outcome: string;
    try {
      const result = await kapso[c.method]("/fuzz/{id}", {
        params: { path: { id } },
        ...(c.method === "POST" && { body: { n: index } }),
      });
      outcome = result.response.ok ? "result: data" : "result: API error";
    } catch (error) {
      outcome = error instanceof KapsoError ? error.name : "untyped";
      if (!(error instanceof KapsoError))
        untyped.push(`${c.kind} ${c.method}: ${inspect(error).slice(0, 300)}`);
      for (const text of renderings(error)) expect(text).not.toContain(KEY);
    }
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, kind: c.kind, method: c.method };
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    // On a loaded machine an attempt can time out before the server takes it; any other outcome
    // must come from the server's answer.
    if (!reached.has(id) && outcome !== "KapsoTimeoutError") {
      unreached.push(`${id} ${c.kind} ${c.method}: ${outcome}`);
    }
    cases.delete(id);
  }

  async function worker() {
    while (next < samples.length) {
      const index = next++;
      await run(index);
      if (index % 50 === 0) {
        peak = Math.max(peak, process.memoryUsage().rss);
        server.reset();
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const report = {
    cases: samples.length,
    responsesServed: served,
    outcomes,
    slowest: { ...slowest, ms: Math.round(slowest.ms) },
    rssGrowthMB: Math.round((peak - baseline) / 2 ** 20),
    peakRssMB: Math.round(peak / 2 ** 20),
  };
  console.log(`client fuzz: ${JSON.stringify(report)}`);
  expect(untyped).toEqual([]);
  expect(unreached).toEqual([]);
  // However loaded the machine, the run tried every kind of outcome.
  expect(Object.keys(outcomes).sort()).toEqual([
    "KapsoConnectionError",
    "KapsoResponseError",
    "KapsoTimeoutError",
    "result: API error",
    "result: data",
  ]);
  // Bodies are cut at 64 KB (errors) or 256 KB (this client's maxResponseBytes), 32 at a time.
  expect(peak - baseline).toBeLessThan(256 * 2 ** 20);
});
