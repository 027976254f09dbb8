// Signed with node:crypto rather than @kapso/webhooks' signWebhookPayload: @kapso/webhooks' own tests
// deliver with this module, so depending on it would make the two packages depend on each other.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { deref } from "@kapso/codegen/spec";
import type { WebhookPayloadsV1, WebhookPayloadsV2 } from "@kapso/types";
import { defaultSpecPath } from "./spec-path.js";

/** The headers of a delivery, as Kapso names them (lower case, as `fetch` sends them). */
export const DELIVERY_HEADERS = {
  /** HMAC-SHA256 of the raw body with the webhook's secret, in hex. */
  signature: "x-webhook-signature",
  event: "x-webhook-event",
  idempotencyKey: "x-idempotency-key",
  payloadVersion: "x-webhook-payload-version",
  /** `true` on a batch only. */
  batch: "x-webhook-batch",
  /** The number of events of a batch. */
  batchSize: "x-batch-size",
} as const;

/** Names of the events Kapso sends, on either payload version. */
export type WebhookEventName = keyof WebhookPayloadsV2 | keyof WebhookPayloadsV1;

/** Which example body {@link webhookExample} returns (and {@link deliverWebhook} sends by default). */
export interface WebhookExampleOptions {
  /** The event whose example to use, such as `"whatsapp.message.received"`. */
  event: WebhookEventName;
  /** The payload version of the example: `v2` (the default of new webhooks) or the legacy `v1`. */
  payloadVersion?: "v1" | "v2";
  /** The batched form (`{ type, batch: true, data: [...] }`) instead of a single event. */
  batch?: boolean;
  /** OpenAPI document whose `webhooks` examples to use. Default: the one in `@kapso/types`. */
  specPath?: string;
}

/** Where and how {@link deliverWebhook} sends one signed delivery; the example options pick the body. */
export interface DeliverWebhookOptions extends WebhookExampleOptions {
  /** Your endpoint: an absolute http(s) URL. */
  url: string;
  /** The secret your endpoint verifies with; the delivery is signed with it like Kapso signs. */
  secret: string;
  /**
   * The body to send instead of the spec's example: one payload, or (with `batch`) the items of a
   * batch. Sent as JSON.
   */
  payload?: unknown;
  /** `X-Idempotency-Key`. Default: a new UUID; reuse one to test your deduplication. */
  idempotencyKey?: string;
  /** Extra headers, for example the custom headers configured on the webhook. */
  headers?: Record<string, string>;
  /** Give up after this long, like Kapso does. Default 10 000 ms. */
  timeoutMs?: number;
  /** The `fetch` that sends the delivery. Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

/** What {@link deliverWebhook} sent and what your endpoint answered. */
export interface WebhookDeliveryResult {
  /** Status your endpoint answered. */
  readonly status: number;
  /** Whether that status is 2xx: Kapso treats anything else as a failed delivery and retries it. */
  readonly ok: boolean;
  /** Body your endpoint answered, as text. */
  readonly responseBody: string;
  /** The exact body sent (and signed). */
  readonly body: string;
  /** The headers sent: yours, then signature, event, idempotency key, payload version and batch ones. */
  readonly headers: Readonly<Record<string, string>>;
  /** Time from sending the request until your endpoint's whole answer was read, in whole milliseconds. */
  readonly durationMs: number;
}

interface SpecWithWebhooks {
  webhooks?: Record<
    string,
    { post?: { requestBody?: { content?: Record<string, { examples?: Record<string, unknown> }> } } }
  >;
}

const specs = new Map<string, SpecWithWebhooks>();

function loadSpec(specPath: string): SpecWithWebhooks {
  let spec = specs.get(specPath);
  if (!spec) {
    spec = JSON.parse(readFileSync(specPath, "utf8")) as SpecWithWebhooks;
    specs.set(specPath, spec);
  }
  return spec;
}

/**
 * The spec's example body of a delivery of `event`: its `v2` (or `v1`) example, or the batched one
 * (`v2_batch`). A batch is made of the single example when the spec has no batched example. Throws
 * for an event the spec does not describe, naming the ones it does.
 */
export function webhookExample(options: WebhookExampleOptions): unknown {
  const version = options.payloadVersion ?? "v2";
  const spec = loadSpec(options.specPath ?? defaultSpecPath());
  const webhooks = spec.webhooks ?? {};
  const item = webhooks[options.event];
  if (!item) {
    throw new Error(
      `Unknown webhook event "${options.event}". Events in the spec: ${Object.keys(webhooks).join(", ")}`,
    );
  }
  const examples = item.post?.requestBody?.content?.["application/json"]?.examples ?? {};
  const resolve = (example: unknown) => (example ? deref<{ value?: unknown }>(spec, example) : undefined);
  const batched = options.batch ? resolve(examples[`${version}_batch`]) : undefined;
  if (batched) return batched.value;
  const single = resolve(examples[version]);
  if (!single) {
    throw new Error(
      `The spec has no ${version} example of ${options.event} (its examples: ${Object.keys(examples).join(", ") || "none"}); pass a payload.`,
    );
  }
  return options.batch ? { type: options.event, batch: true, data: [single.value] } : single.value;
}

/**
 * POSTs a signed test delivery to your endpoint the way Kapso does: HMAC-SHA256 of the body in
 * `X-Webhook-Signature`, plus `X-Webhook-Event`, `X-Idempotency-Key`, `X-Webhook-Payload-Version`
 * and, for a batch, `X-Webhook-Batch` and `X-Batch-Size`. The body is the spec's example unless you
 * pass a payload. Resolves with your endpoint's answer, whatever its status; rejects only when the
 * endpoint cannot be reached or does not answer within `timeoutMs`.
 *
 * @example
 * ```ts
 * const result = await deliverWebhook({
 *   url: "http://127.0.0.1:3000/webhooks/kapso",
 *   secret: "the webhook's secret_key",
 *   event: "whatsapp.message.received",
 * });
 * if (result.status !== 200) throw new Error(`endpoint answered ${result.status}: ${result.responseBody}`);
 * ```
 */
export async function deliverWebhook(options: DeliverWebhookOptions): Promise<WebhookDeliveryResult> {
  if (typeof options.secret !== "string" || options.secret.length === 0) {
    throw new Error("deliverWebhook needs the webhook secret your endpoint verifies with (`secret`).");
  }
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new Error(`deliverWebhook: "${options.url}" is not an absolute http(s) URL.`);
  }
  const payloadVersion = options.payloadVersion ?? "v2";
  let bodyValue: unknown;
  if (options.payload === undefined) {
    bodyValue = webhookExample(options);
  } else if (options.batch) {
    const data = Array.isArray(options.payload) ? options.payload : [options.payload];
    bodyValue = { type: options.event, batch: true, data };
  } else {
    bodyValue = options.payload;
  }
  const body = JSON.stringify(bodyValue);
  const batchSize =
    (bodyValue as { batch?: unknown; data?: unknown[] }).batch === true
      ? (bodyValue as { data: unknown[] }).data.length
      : undefined;
  const headers: Record<string, string> = {
    ...options.headers,
    "content-type": "application/json",
    [DELIVERY_HEADERS.event]: options.event,
    [DELIVERY_HEADERS.signature]: createHmac("sha256", options.secret).update(body).digest("hex"),
    [DELIVERY_HEADERS.idempotencyKey]: options.idempotencyKey ?? randomUUID(),
    [DELIVERY_HEADERS.payloadVersion]: payloadVersion,
    ...(batchSize === undefined
      ? {}
      : { [DELIVERY_HEADERS.batch]: "true", [DELIVERY_HEADERS.batchSize]: String(batchSize) }),
  };
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(
      `deliverWebhook: ${url.href} ${timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached: ${cause}`}`,
      { cause: error },
    );
  }
  const responseBody = await response.text();
  return {
    status: response.status,
    ok: response.ok,
    responseBody,
    body,
    headers,
    durationMs: Math.round(performance.now() - started),
  };
}
