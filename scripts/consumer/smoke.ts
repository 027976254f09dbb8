// A consumer's view of the packages: written as a user would, type-checked strictly and run against
// the mock in each module setup.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createKapsoClient, createKapsoWhatsAppClient, KapsoApiError, unwrap } from "@kapso/client";
import { downloadMedia, uploadMedia } from "@kapso/client/media";
import { deliverWebhook, startKapsoMock } from "@kapso/mock";
import { collect, paginate } from "@kapso/pagination";
import type { ListWorkflowExecutionsQuery, paths, WorkflowExecutionSummary } from "@kapso/types";
import type { Message } from "@kapso/types/whatsapp";
import { createWebhookHandler, toNodeListener } from "@kapso/webhooks";

type ExecutionsPage =
  paths["/workflows/{workflow_id}/executions"]["get"]["responses"][200]["content"]["application/json"];
const workflow_id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`consumer smoke test: ${message}`);
}

async function main(): Promise<void> {
  const mock = await startKapsoMock({ port: 0 });
  try {
    const kapso = createKapsoClient({ apiKey: "consumer-test-key", baseUrl: mock.url, maxRetries: 0 });
    const query: ListWorkflowExecutionsQuery = { limit: 2, status: "waiting" };
    const page: ExecutionsPage = await unwrap(
      kapso.GET("/workflows/{workflow_id}/executions", { params: { path: { workflow_id }, query } }),
    );
    check(Array.isArray(page.data) && page.data.length > 0, "the first page has executions");
    const endedAt: string | null | undefined = page.data[0]?.ended_at;
    check(endedAt !== undefined, "ended_at is present");

    const items: WorkflowExecutionSummary[] = await collect(
      kapso,
      "/workflows/{workflow_id}/executions",
      { params: { path: { workflow_id }, query: { limit: 2 } } },
      { maxItems: 2 },
    );
    check(items.length === 2, `collect returned ${items.length} items, expected 2`);

    let seen = 0;
    for await (const execution of paginate(
      kapso,
      "/workflows/{workflow_id}/executions",
      { params: { path: { workflow_id } } },
      { maxPages: 1 },
    )) {
      check(typeof execution.id === "string", "items carry an id");
      seen++;
    }
    check(seen > 0, "paginate yielded items");

    const anonymous = createKapsoClient({ apiKey: "", baseUrl: mock.url, maxRetries: 0 });
    const failure = await unwrap(
      anonymous.GET("/workflows/{workflow_id}/executions", { params: { path: { workflow_id } } }),
    ).catch((error: unknown) => error);
    check(
      failure instanceof Error && !(failure instanceof KapsoApiError && failure.status < 400),
      "a client without a key fails clearly",
    );
    // A signed test delivery from the mock reaches a typed webhook handler behind node:http.
    const secret = "consumer-webhook-secret";
    const messageIds: string[] = [];
    const handler = createWebhookHandler({
      secret,
      on: { "whatsapp.message.received": (payload) => void messageIds.push(payload.message.id) },
    });
    const listener = toNodeListener(handler);
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/hooks`;
      const delivery = await deliverWebhook({ url, secret, event: "whatsapp.message.received" });
      check(delivery.status === 200, `the webhook handler answered ${delivery.status}, expected 200`);
      const forged = await deliverWebhook({
        url,
        secret: "not the secret",
        event: "whatsapp.message.received",
      });
      check(forged.status === 401, `a forged delivery got ${forged.status}, expected 401`);
    } finally {
      server.close();
    }
    check(
      messageIds.length === 1 && messageIds[0]?.startsWith("wamid.") === true,
      "the handler got the message",
    );

    const whatsapp = await whatsAppSmoke(mock.whatsappUrl);

    console.log(
      `consumer smoke test passed: ${page.data.length} executions on the first page, ${seen} paginated, ` +
        `${messageIds.length} webhook delivery handled; WhatsApp: ${whatsapp}`,
    );
  } finally {
    await mock.close();
  }
}

// The Meta proxy through the mock: a text and an image message, a media upload and download, and a
// conversation's messages walked to the end.
async function whatsAppSmoke(whatsappUrl: string): Promise<string> {
  const phone_number_id = "197211286875";
  const wa = createKapsoWhatsAppClient({ apiKey: "consumer-test-key", baseUrl: whatsappUrl, maxRetries: 0 });
  const path = { phone_number_id };
  const text = await unwrap(
    wa.POST("/{phone_number_id}/messages", {
      params: { path },
      body: { messaging_product: "whatsapp", to: "15550148213", type: "text", text: { body: "Hi" } },
    }),
  );
  check(text.messages[0]?.id.startsWith("wamid.") === true, "a text message was sent");
  const image = await unwrap(
    wa.POST("/{phone_number_id}/messages", {
      params: { path },
      body: {
        messaging_product: "whatsapp",
        to: "15550148213",
        type: "image",
        image: { id: "4558427620926891" },
      },
    }),
  );
  check(image.messages[0]?.id.startsWith("wamid.") === true, "an image message was sent");

  const uploaded = await uploadMedia(wa, {
    phoneNumberId: phone_number_id,
    file: new Blob([new TextEncoder().encode("jpeg bytes")], { type: "image/jpeg" }),
    filename: "storefront.jpg",
  });
  check(typeof uploaded.id === "string", "the upload answered a media id");
  // `/{media_id}` shares its URL template with a phone number and a Flow in the mock: the example
  // name picks the media file's answer.
  const media = createKapsoWhatsAppClient({
    apiKey: "consumer-test-key",
    baseUrl: whatsappUrl,
    maxRetries: 0,
  });
  media.use({
    onRequest({ request, schemaPath }) {
      if (schemaPath === "/{media_id}") request.headers.set("Prefer", "example=get_media_url");
    },
  });
  const downloaded = await downloadMedia(media, uploaded.id, { phoneNumberId: phone_number_id });
  check(downloaded.data.byteLength > 0, "the download returned bytes");

  const conversations = await unwrap(
    wa.GET("/{phone_number_id}/conversations", { params: { path, query: { limit: 1 } } }),
  );
  const conversation_id = conversations.data[0]?.id;
  check(conversation_id !== undefined, "the number has a conversation");
  const messages: Message[] = await collect(
    wa,
    "/{phone_number_id}/messages",
    {
      params: { path, query: { conversation_id, limit: 20 } },
    },
    { all: true },
  );
  check(messages.length > 1, `the conversation's walk returned ${messages.length} messages`);
  return `text and image sent, ${downloaded.data.byteLength} bytes downloaded, ${messages.length} messages walked`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
