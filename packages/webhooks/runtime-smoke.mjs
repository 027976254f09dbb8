// Runs @kapso/webhooks' built ESM in any runtime with Fetch and WebCrypto (Bun, Deno, workerd, Node):
// `bun runtime-smoke.mjs`, `deno run --allow-read runtime-smoke.mjs`. Exits non-zero on a failure.
import { createWebhookHandler, signWebhookPayload, verifyWebhookSignature } from "./dist/index.js";

const runtime = globalThis.Bun
  ? `bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : `node ${globalThis.process?.version}`;
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

// RFC 4231, test case 2: a vector computed by someone else.
const rfcVector = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
check(
  (await signWebhookPayload("what do ya want for nothing?", "Jefe")) === rfcVector,
  "HMAC matches RFC 4231",
);
check(
  await verifyWebhookSignature("what do ya want for nothing?", rfcVector, "Jefe"),
  "the RFC vector verifies",
);
check(
  !(await verifyWebhookSignature("what do ya want for nothing!", rfcVector, "Jefe")),
  "a changed body is refused",
);

const secret = "runtime-smoke-secret";
const body = JSON.stringify({
  message: {
    id: "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzRUIwQTlGQkQ3RjZFNUQ0QzNCMgA=",
    timestamp: "1795962361",
    type: "text",
    text: { body: "Olá 👋" },
  },
  conversation: { id: "3c1f9a4e-7b2d-4e8a-9f61-2d5c8b7a9e10" },
  phone_number_id: "123456789012345",
});
const seen = [];
const handle = createWebhookHandler({
  secret,
  on: { "whatsapp.message.received": (payload) => seen.push(payload.message.id) },
});
const request = async (signature, key = "key-1") =>
  (
    await handle(
      new Request("http://localhost/hooks", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-webhook-event": "whatsapp.message.received",
          "x-webhook-signature": signature,
          "x-idempotency-key": key,
          "x-webhook-payload-version": "v2",
        },
        body,
      }),
    )
  ).status;
const signature = await signWebhookPayload(body, secret);
check((await request(signature)) === 200, "a signed delivery gets 200");
check((await request(signature)) === 200 && seen.length === 1, "a repeated key gets 200 and runs once");
check((await request(await signWebhookPayload(body, "other"), "key-2")) === 401, "the wrong secret gets 401");
check((await request("", "key-3")) === 401, "no signature gets 401");

if (failures.length > 0) {
  console.error(`@kapso/webhooks on ${runtime}: FAILED: ${failures.join("; ")}`);
  globalThis.process?.exit?.(1);
  globalThis.Deno?.exit(1);
  throw new Error(failures.join("; "));
}
console.log(`@kapso/webhooks on ${runtime}: 7 checks passed`);
