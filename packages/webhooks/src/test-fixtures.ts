import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const secret = "wh_sec_test_3kfj9dmfkg8s2";
export const sign = (body: string | Uint8Array, key = secret) =>
  createHmac("sha256", key).update(body).digest("hex");

interface Spec {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } }
  >;
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@kapso/types/openapi.json"), "utf8"),
) as Spec;

/** A named example of a webhook's request body, straight from the shipped spec. */
export function specExample(event: string, name = "v2"): unknown {
  const value = spec.webhooks[event]?.post.requestBody.content["application/json"]?.examples[name]?.value;
  if (value === undefined) throw new Error(`the spec has no ${name} example of ${event}`);
  return value;
}

/** Headers of a delivery signed like Kapso signs, for `body`. */
export function deliveryHeaders(
  event: string,
  body: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-webhook-event": event,
    "x-webhook-signature": sign(body),
    "x-idempotency-key": randomUUID(),
    "x-webhook-payload-version": "v2",
    ...extra,
  };
}

export function deliveryRequest(event: string, body: string, extra: Record<string, string> = {}): Request {
  return new Request("http://localhost/hooks", {
    method: "POST",
    headers: deliveryHeaders(event, body, extra),
    body,
  });
}
