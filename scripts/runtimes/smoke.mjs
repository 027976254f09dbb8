// What every runtime of the matrix must get right, against the packed packages and the loopback
// server the matrix runner starts (./matrix.mjs). Plain ESM with bare imports: Node, Bun and Deno
// resolve the packages from node_modules themselves, workerd runs it bundled (as wrangler would).
import { createKapsoClient, KapsoApiError, KapsoTimeoutError, unwrap } from "@kapso/client";
import { paginatePages } from "@kapso/pagination";
import { createWebhookHandler } from "@kapso/webhooks";

class SmokeFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new SmokeFailure(message);
}

const describe = (value) => {
  if (value instanceof SmokeFailure) return value.message;
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
};

/**
 * Runs every check in order and resolves to their names and durations (ms, by the runtime's own
 * clock). Rejects at the first failed check with a message naming it.
 * `config`: `{ baseUrl, runtime, apiKey, webhookSecret }`, from the runner, which checks on its side
 * that every request carried the key.
 */
export async function runSmoke(config) {
  const client = (options = {}) =>
    createKapsoClient({
      apiKey: config.apiKey,
      baseUrl: config.baseUrl,
      // Lets the runner tell the runtimes' requests apart on its one server.
      headers: { "x-smoke-runtime": config.runtime },
      maxRetries: 0,
      ...options,
    });
  const checks = [
    ["3-page cursor walk", () => threePageWalk(client())],
    ["503 then 200", () => retryAfter503(client({ maxRetries: 1 }))],
    ["404 as KapsoApiError", () => notFound(client())],
    ["timeout", () => timeout(client({ timeoutMs: 300 }))],
    ["signed webhook delivery", () => webhookDelivery(client(), config.webhookSecret)],
  ];
  const results = [];
  for (const [name, run] of checks) {
    const started = Date.now();
    try {
      await run();
    } catch (error) {
      throw new SmokeFailure(`${name}: ${describe(error)}`);
    }
    results.push({ name, ms: Date.now() - started });
  }
  return results;
}

async function threePageWalk(kapso) {
  const pages = [];
  for await (const page of paginatePages(kapso, "/items", { params: { query: { total: 5, limit: 2 } } })) {
    pages.push(page.data.map((item) => item.id).join(","));
  }
  check(
    pages.join(" | ") === "0,1 | 2,3 | 4",
    `walked pages ${JSON.stringify(pages)}, expected 0,1 | 2,3 | 4`,
  );
}

async function retryAfter503(kapso) {
  const data = await unwrap(kapso.GET("/flaky"));
  check(data.attempt === 2, `answered by attempt ${data.attempt}, expected the second`);
}

async function notFound(kapso) {
  const error = await unwrap(kapso.GET("/missing")).then(
    () => undefined,
    (thrown) => thrown,
  );
  check(error instanceof KapsoApiError, `expected a KapsoApiError, got ${describe(error)}`);
  check(error.status === 404, `status ${error.status}, expected 404`);
  check(error.message.includes("No such thing"), `the message "${error.message}" lost the API's text`);
}

async function timeout(kapso) {
  const started = Date.now();
  const error = await kapso.GET("/hang").then(
    () => undefined,
    (thrown) => thrown,
  );
  const elapsed = Date.now() - started;
  check(error instanceof KapsoTimeoutError, `expected a KapsoTimeoutError, got ${describe(error)}`);
  // Generous: the machine may be loaded, but an attempt that never waited or never ended is a bug.
  check(elapsed >= 250 && elapsed < 10_000, `gave up after ${elapsed} ms with a 300 ms timeout`);
}

async function webhookDelivery(kapso, secret) {
  // Signed on the Node side with node:crypto, verified here with this runtime's WebCrypto.
  const delivery = await unwrap(kapso.GET("/delivery"));
  const received = [];
  const handle = createWebhookHandler({
    secret,
    on: { "whatsapp.message.received": (payload) => void received.push(payload.message.id) },
  });
  const post = (body, idempotencyKey) =>
    handle(
      new Request("https://receiver.example/webhooks/kapso", {
        method: "POST",
        headers: { ...delivery.headers, "X-Idempotency-Key": idempotencyKey },
        body,
      }),
    );
  const signed = await post(delivery.body, "delivery-1");
  check(signed.status === 200, `the signed delivery got ${signed.status}: ${await signed.text()}`);
  check(received.join() === delivery.messageId, `the handler got ${JSON.stringify(received)}`);
  const tampered = await post(delivery.body.replace(delivery.messageId, "wamid.tampered"), "delivery-2");
  check(tampered.status === 401, `a tampered body got ${tampered.status}, expected 401`);
  check(received.length === 1, "the handler ran for the tampered body");
}
