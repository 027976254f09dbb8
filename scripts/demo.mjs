#!/usr/bin/env node
// pnpm demo                                   lists a workflow's executions from the embedded mock,
//                                              then sends a WhatsApp text through the mock's Meta proxy
//                                              and lists the conversation's messages
// pnpm demo --live --workflow <uuid>          the executions against the real API (needs KAPSO_API_KEY);
//                                              a live run sends no WhatsApp message
//
// Uses only the built packages, exactly as a user of @kapso/client, @kapso/pagination and
// @kapso/mock would. The mock serves the spec's chain of example pages (each cursor names the example
// holding the next page), so the walk below goes through every page as it would against the real API.
import { parseArgs } from "node:util";
import { createKapsoClient, createKapsoWhatsAppClient, KapsoError, unwrap } from "@kapso/client";
import { startKapsoMock } from "@kapso/mock";
import { paginate } from "@kapso/pagination";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The workflow the spec's example executions belong to; the mock accepts any uuid.
const MOCK_WORKFLOW_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
// The phone number the spec's example messages and conversations belong to; the mock accepts any id.
const MOCK_PHONE_NUMBER_ID = "197211286875";
// A conversation's history is short in the mock; against a real number a page cap keeps a demo short.
const MAX_MESSAGE_PAGES = 20;

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      live: { type: "boolean", default: false },
      workflow: { type: "string" },
      limit: { type: "string", default: "50" },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (error) {
  fail(error.message);
}
if (args.help) {
  console.log("Usage: pnpm demo [--live --workflow <uuid>] [--limit <1-100>]");
  process.exit(0);
}
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail(`--limit must be 1 to 100, got ${args.limit}`);
if (args.live) {
  if (!process.env.KAPSO_API_KEY?.trim()) {
    fail(
      "--live calls the real Kapso API and needs an API key: set KAPSO_API_KEY (Kapso dashboard > API keys)",
    );
  }
  if (!args.workflow) fail("--live needs --workflow <uuid>: the workflow whose executions to list");
}
if (args.workflow !== undefined && !UUID.test(args.workflow))
  fail(`--workflow must be a uuid, got ${args.workflow}`);

let mock;
async function stopMock() {
  const running = mock;
  mock = undefined;
  await running?.close();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    console.error(`\ndemo: ${signal === "SIGINT" ? "interrupted" : "terminated"}, stopping`);
    await stopMock();
    process.exit(130);
  });
}

function table(rows, columns) {
  const widths = columns.map(([title, get]) =>
    Math.max(title.length, ...rows.map((row) => String(get(row)).length)),
  );
  const line = (cells) =>
    cells
      .map((cell, i) => String(cell).padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [
    line(columns.map(([title]) => title)),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((row) => line(columns.map(([, get]) => get(row)))),
  ].join("\n");
}

async function main() {
  const started = performance.now();
  let client;
  let source;
  if (args.live) {
    client = createKapsoClient({ apiKey: process.env.KAPSO_API_KEY.trim() });
    source = "the Kapso Platform API";
  } else {
    mock = await startKapsoMock();
    client = createKapsoClient({ baseUrl: mock.url, apiKey: "demo-key", maxRetries: 0 });
    source = `the embedded mock at ${mock.url} (started in ${Math.round(performance.now() - started)} ms)`;
  }
  let pages = 0;
  client.use({
    onResponse() {
      pages++;
    },
  });

  const workflowId = args.workflow ?? MOCK_WORKFLOW_ID;
  console.log(`Executions of workflow ${workflowId}, from ${source}\n`);

  const walkStarted = performance.now();
  const executions = [];
  for await (const execution of paginate(client, "/workflows/{workflow_id}/executions", {
    params: { path: { workflow_id: workflowId }, query: { limit } },
  })) {
    executions.push(execution);
  }
  const walkMs = Math.round(performance.now() - walkStarted);

  console.log(
    table(executions, [
      ["id", (e) => e.id],
      ["status", (e) => e.status],
      ["started", (e) => e.started_at.replace("T", " ").replace(/(\.\d+)?Z$/, "Z")],
      ["current step", (e) => e.current_step?.identifier ?? "-"],
    ]),
  );
  console.log(
    `\n${executions.length} execution${executions.length === 1 ? "" : "s"} in ${pages} page${pages === 1 ? "" : "s"}, ` +
      `listed in ${walkMs} ms (${Math.round(performance.now() - started)} ms in all)`,
  );
}

async function whatsAppDemo() {
  const started = performance.now();
  const whatsapp = createKapsoWhatsAppClient({
    baseUrl: mock.whatsappUrl,
    apiKey: "demo-key",
    maxRetries: 0,
  });
  let pages = 0;
  whatsapp.use({
    onResponse({ request }) {
      if (new URL(request.url).pathname.endsWith("/messages") && request.method === "GET") pages++;
    },
  });
  const phone_number_id = MOCK_PHONE_NUMBER_ID;
  const to = "15551234567";
  const text = "Your order is on its way.";
  console.log(`\nWhatsApp, through the Meta proxy of the embedded mock at ${mock.whatsappUrl}\n`);

  const sent = await unwrap(
    whatsapp.POST("/{phone_number_id}/messages", {
      params: { path: { phone_number_id } },
      body: {
        messaging_product: "whatsapp",
        to,
        type: "text",
        text: { body: text },
      },
    }),
  );
  console.log(`Sent "${text}" to ${to}: message ${sent.messages[0].id}`);

  const conversations = await unwrap(
    whatsapp.GET("/{phone_number_id}/conversations", {
      params: { path: { phone_number_id }, query: { limit: 1 } },
    }),
  );
  const conversation = conversations.data[0];
  console.log(`Messages of the conversation with ${conversation.phone_number} (${conversation.id}):\n`);

  const messages = [];
  for await (const message of paginate(
    whatsapp,
    "/{phone_number_id}/messages",
    {
      params: { path: { phone_number_id }, query: { conversation_id: conversation.id, limit: 20 } },
    },
    { maxPages: MAX_MESSAGE_PAGES },
  )) {
    messages.push(message);
  }

  console.log(
    table(messages, [
      [
        "sent",
        (m) =>
          new Date(Number(m.timestamp) * 1000)
            .toISOString()
            .replace("T", " ")
            .replace(/\.\d+Z$/, "Z"),
      ],
      ["direction", (m) => m.kapso?.direction ?? "-"],
      ["type", (m) => m.type],
      ["content", (m) => (m.kapso?.content ?? "").slice(0, 60)],
    ]),
  );
  console.log(
    `\n${messages.length} message${messages.length === 1 ? "" : "s"} in ${pages} page${pages === 1 ? "" : "s"}, ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );
}

try {
  await main();
  if (!args.live) await whatsAppDemo();
} catch (error) {
  await stopMock();
  fail(error instanceof KapsoError ? `${error.name}: ${error.message}` : (error?.stack ?? String(error)));
}
await stopMock();
