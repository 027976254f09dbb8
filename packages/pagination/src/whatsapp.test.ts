// Walks of the Meta proxy's lists: pages that carry only `cursors`, and leave out `cursors.after` on
// the last page; pages that also carry `next`/`previous`; a cursor that comes back.
import { createKapsoWhatsAppClient } from "@kapso/client";
import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collect, KapsoPaginationError, paginate, paginatePages } from "./index.js";

const PHONE = "197211286875";
const init = { params: { path: { phone_number_id: PHONE }, query: { limit: 2 } } };
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

const wa = () =>
  createKapsoWhatsAppClient({ apiKey: "k", baseUrl: `${server.origin}/meta/whatsapp/v24.0`, maxRetries: 0 });
const message = (n: number) => ({ id: `wamid.${n}`, timestamp: String(1_700_000_000 + n), type: "text" });

/** Pages by cursor: `pages[after ?? ""]` answers the request that sends that `after`. */
function serve(pages: Record<string, { data: unknown[]; paging?: unknown }>) {
  server.handle((request, res) => {
    const page = pages[request.query.get("after") ?? ""];
    if (page) json(res, 200, page);
    else
      json(res, 400, {
        error: { message: `unknown cursor ${request.query.get("after")}`, type: "OAuthException", code: 100 },
      });
  });
}

describe("the proxy's cursor lists", () => {
  test("are walked while a page has cursors.after, and end on the page without it", async () => {
    serve({
      "": { data: [message(1), message(2)], paging: { cursors: { before: "b1", after: "a1" } } },
      a1: { data: [message(3), message(4)], paging: { cursors: { before: "b2", after: "a2" } } },
      a2: { data: [message(5)], paging: { cursors: { before: "b3" } } },
    });
    const ids: string[] = [];
    for await (const item of paginate(wa(), "/{phone_number_id}/messages", init)) ids.push(item.id);
    expect(ids).toEqual(["wamid.1", "wamid.2", "wamid.3", "wamid.4", "wamid.5"]);
    expect(server.requests.map((request) => request.url)).toEqual([
      `/meta/whatsapp/v24.0/${PHONE}/messages?limit=2`,
      `/meta/whatsapp/v24.0/${PHONE}/messages?limit=2&after=a1`,
      `/meta/whatsapp/v24.0/${PHONE}/messages?limit=2&after=a2`,
    ]);
  });

  test("end on a page with an empty cursors object, or none", async () => {
    serve({ "": { data: [message(1)], paging: { cursors: {} } } });
    expect(await collect(wa(), "/{phone_number_id}/messages", init, { all: true })).toHaveLength(1);
    serve({ "": { data: [message(1)], paging: {} } });
    expect(await collect(wa(), "/{phone_number_id}/messages", init, { all: true })).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  test("follow next/previous when a page has them: a page with previous but no next is the last", async () => {
    serve({
      "": {
        data: [message(1), message(2)],
        paging: { cursors: { before: "b1", after: "a1" }, next: "https://graph.example/next" },
      },
      a1: {
        data: [message(3)],
        paging: { cursors: { before: "b2", after: "a2" }, previous: "https://graph.example/prev" },
      },
    });
    const pages = [];
    for await (const page of paginatePages(wa(), "/{phone_number_id}/messages", init))
      pages.push(page.data.length);
    expect(pages).toEqual([2, 1]);
    expect(server.requests).toHaveLength(2);
  });

  test("stop at a cursor that comes back instead of walking in circles", async () => {
    serve({
      "": { data: [message(1)], paging: { cursors: { after: "a1" } } },
      a1: { data: [message(2)], paging: { cursors: { after: "a2" } } },
      a2: { data: [message(3)], paging: { cursors: { after: "a1" } } },
    });
    const ids: string[] = [];
    const walk = (async () => {
      for await (const item of paginate(wa(), "/{phone_number_id}/messages", init)) ids.push(item.id);
    })();
    const error = await walk.then(
      () => expect.fail("expected the walk to stop"),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KapsoPaginationError);
    expect((error as KapsoPaginationError).message).toContain("cursor a1 came back");
    expect(ids).toEqual(["wamid.1", "wamid.2", "wamid.3"]);
    expect(server.requests).toHaveLength(3);
  });

  test("keep their caps, and throw KapsoApiError with Meta's code on a failed page", async () => {
    serve({
      "": { data: [message(1), message(2)], paging: { cursors: { after: "a1" } } },
      a1: { data: [message(3), message(4)], paging: { cursors: { after: "gone" } } },
    });
    expect(await collect(wa(), "/{phone_number_id}/messages", init, { maxItems: 3 })).toHaveLength(3);
    const error = await collect(wa(), "/{phone_number_id}/messages", init, { all: true }).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 100, context: { pageIndex: 2, cursor: "gone" } });
  });
});
