import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { namedExamples, readOperations, splitSharedTemplates } from "@kapso/codegen/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWhatsAppSpecPath, type KapsoMock, KapsoMockError, startKapsoMock } from "./index.js";
import { descendants, isAlive, startCli, startParent, waitUntilGone } from "./test-helpers.js";

const workflowId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

interface ExecutionsPage {
  data: Array<{ id: string }>;
  paging: { cursors: { before: string | null; after: string | null }; next: string | null };
}
interface CustomersPage {
  data: unknown[];
  meta: { page: number };
}

describe("startKapsoMock", () => {
  let mock: KapsoMock;
  beforeAll(async () => {
    mock = await startKapsoMock();
  });
  afterAll(() => mock?.close());

  it("listens on a free loopback port and answers with the spec's examples", async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    const response = await fetch(`${mock.url}/workflows/${workflowId}/executions`, {
      headers: { "X-API-Key": "test", Prefer: "example=last_page" },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ id: string }> };
    expect(body.data.map((item) => item.id)).toEqual(["5f0c6a2e-1b7d-4c9a-9e3f-2a8b4d6c1e05"]);
  });

  it("walks the spec's example chain: a cursor gets the example it names, a page number its page", async () => {
    const headers = { "X-API-Key": "test" };
    const executions = `${mock.url}/workflows/${workflowId}/executions`;
    const first = (await (await fetch(executions, { headers })).json()) as ExecutionsPage;
    const second = (await (
      await fetch(`${executions}?after=${first.paging.cursors.after}`, { headers })
    ).json()) as ExecutionsPage;
    const last = (await (
      await fetch(`${executions}?after=${second.paging.cursors.after}`, { headers })
    ).json()) as ExecutionsPage;
    const back = (await (
      await fetch(`${executions}?before=${last.paging.cursors.before}`, { headers })
    ).json()) as ExecutionsPage;
    const pages = [first, second, last].map((page) => page.data.map((execution) => execution.id));
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
    expect(last.paging.next).toBeNull();
    expect(back).toEqual(second);

    const customers = (page: number) =>
      fetch(`${mock.url}/customers?page=${page}`, { headers }).then(
        (r) => r.json() as Promise<CustomersPage>,
      );
    expect((await customers(1)).meta.page).toBe(1);
    expect((await customers(2)).meta.page).toBe(2);
  });

  it("answers 401 without an API key", async () => {
    const response = await fetch(`${mock.url}/workflows/${workflowId}/executions`);
    expect(response.status).toBe(401);
  });

  it("names the actual problem in the message of a validation error", async () => {
    const headers = { "X-API-Key": "test" };
    const limit = await fetch(`${mock.url}/workflows/${workflowId}/executions?limit=0`, { headers });
    expect(limit.status).toBe(422);
    expect(await limit.json()).toEqual({
      error: "Unprocessable entity",
      message: "Request query parameter limit must be >= 1",
    });
    const id = await fetch(`${mock.url}/workflows/not-a-uuid/executions`, { headers });
    expect(id.status).toBe(422);
    expect(((await id.json()) as { message: string }).message).toContain("workflow_id");
  });

  it("passes Prism's 422 example through untouched with rawErrors", async () => {
    const raw = await startKapsoMock({ rawErrors: true });
    try {
      const response = await fetch(`${raw.url}/workflows/not-a-uuid/executions`, {
        headers: { "X-API-Key": "test" },
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { message: string }).message).toBe(
        "limit must be between 1 and 100",
      );
    } finally {
      await raw.close();
    }
  });
});

interface MessagesPage {
  data: Array<{ id: string }>;
  paging: { cursors: { before?: string; after?: string } };
}

const phoneNumberId = "1234567890";
const textMessage = { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } };

/**
 * The named examples of an operation of the shipped WhatsApp document, read as the spec library reads
 * them: with the operations of a shared path under their own templates.
 */
function whatsappExamples(operationId: string, status: number): Record<string, unknown> {
  const shipped = JSON.parse(readFileSync(defaultWhatsAppSpecPath(), "utf8")) as Record<string, unknown>;
  const document = splitSharedTemplates(shipped);
  const operation = readOperations(document).get(operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the WhatsApp document`);
  return namedExamples(document, operation, status);
}

describe("the WhatsApp API (Kapso's Meta proxy)", () => {
  let mock: KapsoMock;
  beforeAll(async () => {
    mock = await startKapsoMock();
  });
  afterAll(() => mock?.close());

  it("is served on the same port as the Platform API, under Kapso's own path", () => {
    expect(mock.whatsappUrl).toBe(`${mock.url}/meta/whatsapp/v24.0`);
    expect(Object.keys(mock.pids).sort()).toEqual(["platform", "whatsapp"]);
  });

  it("walks a conversation's messages to the last page by following paging.cursors.after", async () => {
    const headers = { "X-API-Key": "test" };
    const messages = `${mock.whatsappUrl}/${phoneNumberId}/messages`;
    const pages: MessagesPage[] = [];
    let url = `${messages}?limit=20`;
    // The cap only keeps a broken chain from hanging the test; the chain must end well before it.
    for (let page = 0; page < 20; page++) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      pages.push((await response.json()) as MessagesPage);
      const after = pages.at(-1)?.paging.cursors.after;
      if (after === undefined) break;
      url = `${messages}?after=${encodeURIComponent(after)}`;
    }
    const examples = Object.values(whatsappExamples("listMessages", 200)) as MessagesPage[];
    expect(pages).toHaveLength(examples.length);
    expect(pages.at(-1)?.paging.cursors.after).toBeUndefined();
    const ids = pages.flatMap((page) => page.data.map((message) => message.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(examples.flatMap((page) => page.data.map((message) => message.id)).sort());
  });

  it("answers a text message with the spec's example", async () => {
    const response = await fetch(`${mock.whatsappUrl}/${phoneNumberId}/messages`, {
      method: "POST",
      headers: { "X-API-Key": "test", "content-type": "application/json" },
      body: JSON.stringify(textMessage),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: Array<{ id: string }> };
    expect(Object.values(whatsappExamples("sendMessage", 200))).toContainEqual(body);
    expect(body.messages[0]?.id).toMatch(/^wamid\./);
  });

  it("refuses a text message without `text` with a 422 naming the missing field, in Meta's error shape", async () => {
    const { text: _, ...withoutText } = textMessage;
    const response = await fetch(`${mock.whatsappUrl}/${phoneNumberId}/messages`, {
      method: "POST",
      headers: { "X-API-Key": "test", "content-type": "application/json" },
      body: JSON.stringify(withoutText),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("required property 'text'");
  });

  it("answers 401 without an API key", async () => {
    const response = await fetch(`${mock.whatsappUrl}/${phoneNumberId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(textMessage),
    });
    expect(response.status).toBe(401);
  });

  it("answers each operation of a shared path with the example a Prefer header names", async () => {
    const headers = { "X-API-Key": "test" };
    for (const [operationId, example] of [
      ["getMediaUrl", "get_media_url"],
      ["getFlow", "get_flow"],
    ] as const) {
      const response = await fetch(`${mock.whatsappUrl}/${phoneNumberId}?phone_number_id=${phoneNumberId}`, {
        headers: { ...headers, Prefer: `example=${example}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(whatsappExamples(operationId, 200)[example]);
    }
  });

  it("serves the media download beside the versioned path, as Kapso's server does", async () => {
    const url = new URL(mock.whatsappUrl);
    url.pathname = "/meta/whatsapp/media_download";
    url.search = "token=abc";
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/octet-stream");

    const versioned = await fetch(`${mock.whatsappUrl}/media_download?token=abc`);
    expect(versioned.status).toBe(404);
    expect(((await versioned.json()) as { message: string }).message).toContain(
      "is served at /meta/whatsapp/media_download",
    );
  });
});

describe("apis", () => {
  it("serves only the APIs asked for, and says so for the other one", async () => {
    const mock = await startKapsoMock({ apis: ["whatsapp"] });
    try {
      expect(Object.keys(mock.pids)).toEqual(["whatsapp"]);
      const platform = await fetch(`${mock.url}/workflows/${workflowId}/executions`, {
        headers: { "X-API-Key": "test" },
      });
      expect(platform.status).toBe(404);
      expect(((await platform.json()) as { message: string }).message).toContain(
        "the Platform API is not served by this mock",
      );
      const whatsapp = await fetch(`${mock.whatsappUrl}/${phoneNumberId}/messages`, {
        headers: { "X-API-Key": "test" },
      });
      expect(whatsapp.status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it("rejects an API it does not know", async () => {
    const start = startKapsoMock({ apis: ["platform", "billing" as "platform"] });
    await expect(start).rejects.toThrow(/apis must list "platform", "whatsapp" or both/);
  });
});

describe("a spec of your own", () => {
  const spec = join(tmpdir(), `kapso-mock-own-spec-${process.pid}.json`);
  const document = (title: string) =>
    JSON.stringify({
      openapi: "3.1.0",
      info: { title, version: "1" },
      paths: {
        "/things/{thing_id}": {
          get: {
            operationId: "getThing",
            parameters: [
              { name: "thing_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            ],
            responses: {
              "200": { description: "ok", content: { "application/json": { example: { title } } } },
            },
          },
        },
      },
    });
  let mock: KapsoMock;
  beforeAll(async () => {
    writeFileSync(spec, document("first"));
    mock = await startKapsoMock({ specPath: spec });
  });
  afterAll(() => mock?.close());

  it("names the problem in Prism's own error when the spec documents no 422", async () => {
    const response = await fetch(`${mock.url}/things/not-a-uuid`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { title: string; detail: string };
    expect(body.title).toBe("Invalid request");
    expect(body.detail).toBe('Request path parameter thing_id must match format "uuid"');
  });

  it("keeps answering while Prism reloads a changed spec", async () => {
    writeFileSync(spec, document("second"));
    let title = "";
    // Prism restarts on the change; requests in that window wait for it instead of failing. Asks
    // until the new document answers, however long the restart takes: the test's timeout is the limit.
    while (title !== "second") {
      const response = await fetch(`${mock.url}/things/${workflowId}`);
      const body = (await response.json()) as { title: string };
      expect(response.status, JSON.stringify(body)).toBe(200);
      title = body.title;
    }
  });
});

describe("exampleChains: false", () => {
  it("leaves a cursor request to Prism's default example", async () => {
    const mock = await startKapsoMock({ exampleChains: false });
    try {
      const headers = { "X-API-Key": "test" };
      const executions = `${mock.url}/workflows/${workflowId}/executions`;
      const first = (await (await fetch(executions, { headers })).json()) as ExecutionsPage;
      const next = await fetch(`${executions}?after=${first.paging.cursors.after}`, { headers });
      expect(await next.json()).toEqual(first);
    } finally {
      await mock.close();
    }
  });
});

describe("a Prism that dies while the mock runs", () => {
  it("is reported to every request of its API and through `exited`; the other API keeps answering", async () => {
    const mock = await startKapsoMock();
    process.kill(mock.pid, "SIGKILL");
    const error = await mock.exited.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KapsoMockError);
    expect((error as Error).message).toMatch(
      /^Kapso mock: Prism was killed by SIGKILL while serving requests/,
    );

    const response = await fetch(`${mock.url}/workflows/${workflowId}/executions`, {
      headers: { "X-API-Key": "test" },
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /Prism was killed by SIGKILL while serving requests to the Platform API/,
    );
    const whatsapp = await fetch(`${mock.whatsappUrl}/${phoneNumberId}/messages`, {
      headers: { "X-API-Key": "test" },
    });
    expect(whatsapp.status).toBe(200);
    await mock.close();
  });
});

describe("close()", () => {
  it("stops both Prisms: their processes are gone and `exited` resolved once close() resolves", async () => {
    const mock = await startKapsoMock();
    const pids = Object.values(mock.pids);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);
    await mock.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    await expect(mock.exited).resolves.toBeUndefined();
    await expect(fetch(mock.url)).rejects.toThrow();
    await mock.close();
  });

  it("serves a fixed port when asked for one", async () => {
    const first = await startKapsoMock();
    const port = first.port;
    await first.close();
    const second = await startKapsoMock({ port });
    try {
      expect(second.port).toBe(port);
      expect(second.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await second.close();
    }
  });
});

describe("start failures", () => {
  it("reports a missing spec file by path", async () => {
    const missing = join(tmpdir(), "no-such-kapso-spec.yaml");
    const start = startKapsoMock({ specPath: missing });
    await expect(start).rejects.toBeInstanceOf(KapsoMockError);
    await expect(start).rejects.toThrow(`spec file not found: ${missing}`);
  });

  it("reports Prism's own complaint, with the tail of its output, when Prism exits", async () => {
    const broken = join(tmpdir(), `kapso-broken-spec-${process.pid}.yaml`);
    writeFileSync(broken, "openapi: [\n");
    const error = await startKapsoMock({ specPath: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoMockError);
    const message = (error as Error).message;
    // The first line alone says what went wrong; the tail follows for context.
    expect(message.split("\n")[0]).toMatch(
      new RegExp(
        `^Kapso mock failed to start: Prism exited with code 1 before it was ready: Error parsing ${broken}`,
      ),
    );
    expect(message).toContain("last lines of Prism's output");
  });

  it("reports a port that is already taken", async () => {
    const mock = await startKapsoMock();
    try {
      await expect(startKapsoMock({ port: mock.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await mock.close();
    }
  });

  it("gives up after startTimeoutMs", async () => {
    await expect(startKapsoMock({ startTimeoutMs: 1 })).rejects.toThrow(/did not answer within 1 ms/);
  });
});

describe("cleanup when the parent process dies", () => {
  it.each(["SIGKILL", "SIGTERM", "exit"] as const)("leaves no Prism behind after %s", async (how) => {
    const { parent, started } = startParent(how);
    const { pids, url } = await started;
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);
    if (how !== "exit") parent.kill(how);
    for (const pid of pids) await waitUntilGone(pid);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("the kapso-mock bin", () => {
  it("prints both URLs, and stops both Prisms and its supervisor on Ctrl-C (SIGINT) and exits 0", async () => {
    const { cli, started } = startCli();
    const { url, whatsappUrl } = await started;
    expect(whatsappUrl).toBe(`${url}/meta/whatsapp/v24.0`);
    const helpers = descendants(cli.pid ?? -1);
    // The supervisor and the two Prisms under it.
    expect(helpers.length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${url}/workflows/${workflowId}/executions`)).status).toBe(401);
    expect((await fetch(`${whatsappUrl}/${phoneNumberId}/messages`)).status).toBe(401);
    const exit = new Promise<number | null>((resolve) => cli.once("exit", resolve));
    cli.kill("SIGINT");
    expect(await exit).toBe(0);
    for (const pid of helpers) await waitUntilGone(pid);
  });
});
