#!/usr/bin/env node
// `node scripts/bench/webhooks.mjs` (after `pnpm build`): the size of @kapso/webhooks and how many
// deliveries of a 2 KB body it verifies per second, side by side with a bare node:crypto HMAC check,
// printed as Markdown. Variants run interleaved in rounds, so machine noise hits all of them alike; the
// report gives the median round. Nothing here fails a run: the numbers are for reading.
import { createHmac, timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "../lib/spec.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.BENCH_ITERATIONS ?? 4000);
const SECRET = "wh_sec_bench_3kfj9dmfkg8s2";
const dist = join(root, "packages/webhooks/dist/index.js");
const webhooks = await import(pathToFileURL(dist).href);

// A delivery body of exactly 2 KB: the spec-shaped inbound message, its text padded to the size.
const BODY_BYTES = 2048;
const deliveryWithText = (text) =>
  JSON.stringify({
    message: {
      id: "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzRUIwQTlGQkQ3RjZFNUQ0QzNCMgA=",
      timestamp: "1795962361",
      type: "text",
      from: "15551234567",
      text: { body: text },
      kapso: {
        direction: "inbound",
        status: "received",
        origin: "cloud_api",
        phone_number_id: "123456789012345",
      },
    },
    conversation: {
      id: "3c1f9a4e-7b2d-4e8a-9f61-2d5c8b7a9e10",
      phone_number_id: "123456789012345",
      status: "active",
    },
    is_new_conversation: false,
    phone_number_id: "123456789012345",
  });
const body = deliveryWithText("x".repeat(BODY_BYTES - deliveryWithText("").length));
const bytes = new TextEncoder().encode(body);
const signature = createHmac("sha256", SECRET).update(bytes).digest("hex");
const headers = {
  "content-type": "application/json",
  "x-webhook-event": "whatsapp.message.received",
  "x-webhook-signature": signature,
  "x-webhook-payload-version": "v2",
};
const handler = webhooks.createWebhookHandler({
  secret: SECRET,
  dedupe: false,
  on: { "whatsapp.message.received": () => {} },
});

const variants = {
  "node:crypto createHmac + timingSafeEqual (baseline)": async () => {
    const expected = createHmac("sha256", SECRET).update(bytes).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw new Error("baseline failed");
  },
  verifyWebhookSignature: async () => {
    if (!(await webhooks.verifyWebhookSignature(bytes, signature, SECRET))) throw new Error("verify failed");
  },
  "constructWebhookEvent (verify + parse)": async () => {
    await webhooks.constructWebhookEvent({ body: bytes, headers, secret: SECRET });
  },
  "createWebhookHandler (Request in, Response out)": async () => {
    const response = await handler(
      new Request("http://localhost/hooks", { method: "POST", headers, body: bytes }),
    );
    if (response.status !== 200) throw new Error(`handler answered ${response.status}`);
  },
};

const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (const run of Object.values(variants)) for (let i = 0; i < 200; i++) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const started = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await run();
    samples[name].push((PER_ROUND / (performance.now() - started)) * 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const { outputFiles } = await build({
  entryPoints: [dist],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
});
const code = outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;

const baseline = median(samples["node:crypto createHmac + timingSafeEqual (baseline)"]);
const lines = [
  `# @kapso/webhooks bench (Node ${process.version}, ${body.length} B body, ${ROUNDS} rounds of ${PER_ROUND})`,
  "",
  "| variant | deliveries/s (median round) | vs baseline |",
  "|---|---|---|",
  ...Object.entries(samples).map(([name, values]) => {
    const perSecond = median(values);
    return `| ${name} | ${Math.round(perSecond).toLocaleString("en-US")} | ${(perSecond / baseline).toFixed(2)}× |`;
  }),
  "",
  "## Size (dist/index.js bundled by esbuild, minified)",
  "",
  `- min: ${code.length} B, min+gzip: ${gzip} B`,
];
console.log(lines.join("\n"));
