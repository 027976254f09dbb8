import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DELIVERY_HEADERS, deliverWebhook, type WebhookEventName } from "./deliver.js";

export const deliverUsage = `Usage: kapso-mock deliver --url <endpoint> --event <name> [--secret <secret>] [options]

POSTs a signed test webhook delivery, built from the spec's example of the event, to your endpoint.
  --url             your endpoint, for example http://localhost:3000/hooks
  --event           event name, for example whatsapp.message.received
  --secret          secret to sign with              default: $KAPSO_WEBHOOK_SECRET
  --payload-version v1 or v2                         default v2
  --batch           send the batched form ({ type, batch: true, data: [...] })
  --payload <file>  send this JSON file's content instead of the example ("-" reads stdin)
  --idempotency-key X-Idempotency-Key to send        default: a new UUID
Exits with 1 when the endpoint does not answer 2xx.`;

/** `kapso-mock deliver ...`: resolves with the process exit code. */
export async function runDeliver(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      event: { type: "string" },
      secret: { type: "string" },
      "payload-version": { type: "string", default: "v2" },
      batch: { type: "boolean", default: false },
      payload: { type: "string" },
      "idempotency-key": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(deliverUsage);
    return 0;
  }
  const secret = values.secret ?? process.env.KAPSO_WEBHOOK_SECRET;
  if (!values.url || !values.event || !secret) {
    const missing = [!values.url && "--url", !values.event && "--event", !secret && "--secret"].filter(
      Boolean,
    );
    throw new Error(`kapso-mock deliver: missing ${missing.join(", ")}\n\n${deliverUsage}`);
  }
  const version = values["payload-version"];
  if (version !== "v1" && version !== "v2") {
    throw new Error(`--payload-version must be v1 or v2, got "${version}"`);
  }
  const payload =
    values.payload === undefined
      ? undefined
      : (JSON.parse(readFileSync(values.payload === "-" ? 0 : values.payload, "utf8")) as unknown);
  const result = await deliverWebhook({
    url: values.url,
    secret,
    event: values.event as WebhookEventName,
    payloadVersion: version,
    batch: values.batch,
    payload,
    idempotencyKey: values["idempotency-key"],
  });
  console.log(
    `Delivered ${values.event} (${version}${values.batch ? ", batch" : ""}) to ${values.url}: ${result.status} in ${result.durationMs} ms`,
  );
  console.log(`  X-Idempotency-Key: ${result.headers[DELIVERY_HEADERS.idempotencyKey]}`);
  if (result.responseBody) console.log(`  answer: ${result.responseBody.slice(0, 500)}`);
  return result.ok ? 0 : 1;
}
