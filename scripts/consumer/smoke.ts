// A consumer's view of the packages: written as a user would, type-checked strictly and run against
// the mock in each module setup.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createKapsoClient, KapsoApiError, unwrap } from "@kapso/client";
import { deliverWebhook, startKapsoMock } from "@kapso/mock";
import { collect, paginate } from "@kapso/pagination";
import type { ListWorkflowExecutionsQuery, paths, WorkflowExecutionSummary } from "@kapso/types";
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

    console.log(
      `consumer smoke test passed: ${page.data.length} executions on the first page, ${seen} paginated, ` +
        `${messageIds.length} webhook delivery handled`,
    );
  } finally {
    await mock.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
