import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KapsoMock, KapsoMockError, startKapsoMock } from "./index.js";
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
  it("is reported to every request and through `exited`, naming how Prism ended", async () => {
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
    expect(((await response.json()) as { message: string }).message).toMatch(/Prism was killed by SIGKILL/);
    await mock.close();
  });
});

describe("close()", () => {
  it("stops Prism: its process is gone and `exited` resolved once close() resolves", async () => {
    const mock = await startKapsoMock();
    expect(isAlive(mock.pid)).toBe(true);
    await mock.close();
    expect(isAlive(mock.pid)).toBe(false);
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
    const { pid, url } = await started;
    expect(isAlive(pid)).toBe(true);
    if (how !== "exit") parent.kill(how);
    await waitUntilGone(pid);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("the kapso-mock bin", () => {
  it("stops Prism and its supervisor on Ctrl-C (SIGINT) and exits 0", async () => {
    const { cli, started } = startCli();
    const url = await started;
    const helpers = descendants(cli.pid ?? -1);
    // The supervisor and Prism under it.
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${url}/workflows/${workflowId}/executions`)).status).toBe(401);
    const exit = new Promise<number | null>((resolve) => cli.once("exit", resolve));
    cli.kill("SIGINT");
    expect(await exit).toBe(0);
    for (const pid of helpers) await waitUntilGone(pid);
  });
});
