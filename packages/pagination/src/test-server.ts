// Test-only: a local list server with a deterministic data set, and fixture path types for it.
// Items are numbered 0..total-1, newest first; a cursor is the Base64 of an item's number.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Item = { n: number; id: string };
type Cursors = { before?: string | null; after?: string | null };
type CursorList = {
  data: Item[];
  paging: { cursors: Cursors; next?: string | null; previous?: string | null };
};
type PageList = {
  data: Item[];
  meta: { page: number; per_page: number; total_pages: number; total_count: number };
};
/** `delay` (ms) slows the answer; a page that starts at or after item `fail_from` answers 500. */
type Knobs = { total?: number; delay?: number; fail_from?: number };
type CursorQuery = Knobs & { limit?: number; before?: string; after?: string };
type PageQuery = Knobs & { page?: number; per_page?: number };

type PathParam<P> = [P] extends [never] ? { path?: never } : { path: P };
type PathItem<Query, Body, PathParams = never> = {
  parameters: { query?: never; header?: never; cookie?: never } & PathParam<PathParams>;
  get: {
    parameters: { query?: Query; header?: never; cookie?: never } & PathParam<PathParams>;
    requestBody?: never;
    responses: {
      200: { headers: { [name: string]: unknown }; content: { "application/json": Body } };
      500: { headers: { [name: string]: unknown }; content: { "application/json": { error: string } } };
    };
  };
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

/** Fixture `paths`: both list styles, the server's misbehaving lists, and two paths that are not lists. */
export interface FixturePaths {
  "/items": PathItem<CursorQuery, CursorList>;
  "/pages": PathItem<PageQuery, PageList>;
  /** Answers the same cursor on every page. */
  "/loop": PathItem<CursorQuery, CursorList>;
  /** Answers `meta.page: 1` whatever page is asked for. */
  "/stuck": PathItem<PageQuery, PageList>;
  /** Declared as a list, but answers `data` with neither `paging` nor `meta`. */
  "/bare": PathItem<CursorQuery, CursorList>;
  "/things/{id}": PathItem<never, { data: Item }, { id: string }>;
  "/plain": PathItem<never, { items: Item[]; paging: CursorList["paging"] }>;
}

export const cursorOf = (n: number) => Buffer.from(String(n)).toString("base64");
const numberOf = (cursor: string) => Number(Buffer.from(cursor, "base64").toString());
const range = (start: number, end: number) =>
  Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
const item = (n: number): Item => ({ n, id: String(n) });

export interface TestServer {
  url: string;
  /** Every request received, in order. Tests reset it with `requests.length = 0`. */
  requests: URL[];
  /** How many requests the client gave up on before the answer was sent. */
  aborted: number;
  close(): Promise<void>;
}

function answer(url: URL): { status: number; body: unknown } {
  const q = url.searchParams;
  const num = (name: string, fallback: number) => (q.has(name) ? Number(q.get(name)) : fallback);
  const total = num("total", 45);
  const failFrom = num("fail_from", Number.POSITIVE_INFINITY);
  const path = url.pathname;

  if (path === "/pages" || path === "/stuck") {
    const page = num("page", 1);
    const perPage = num("per_page", 20);
    const start = (page - 1) * perPage;
    if (start >= failFrom) return { status: 500, body: { error: "boom", message: `page ${page} failed` } };
    return {
      status: 200,
      body: {
        data: range(start, Math.min(total, start + perPage)).map(item),
        meta: {
          page: path === "/stuck" ? 1 : page,
          per_page: perPage,
          total_pages: Math.ceil(total / perPage),
          total_count: total,
        },
      },
    };
  }

  const limit = num("limit", 20);
  const after = q.get("after");
  const before = q.get("before");
  let start = 0;
  let end = Math.min(total, limit);
  if (after !== null) {
    start = numberOf(after) + 1;
    end = Math.min(total, start + limit);
  } else if (before !== null) {
    end = Math.min(total, numberOf(before));
    start = Math.max(0, end - limit);
  }
  if (start >= failFrom)
    return { status: 500, body: { error: "boom", message: `items from ${start} failed` } };
  const data = range(start, end).map(item);
  if (path === "/bare") return { status: 200, body: { data } };
  if (path === "/loop") {
    return {
      status: 200,
      body: { data, paging: { cursors: { before: "b", after: "a" }, next: "a", previous: "b" } },
    };
  }
  const paging = {
    cursors:
      data.length > 0 ? { before: cursorOf(start), after: cursorOf(end - 1) } : { before: null, after: null },
    next: end < total ? cursorOf(end - 1) : null,
    previous: start > 0 && data.length > 0 ? cursorOf(start) : null,
  };
  return { status: 200, body: { data, paging } };
}

export async function startServer(): Promise<TestServer> {
  const requests: URL[] = [];
  const state = { aborted: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(url);
    res.on("close", () => {
      if (!res.writableFinished) state.aborted++;
    });
    const send = () => {
      if (res.destroyed) return;
      const { status, body } = answer(url);
      res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${requests.length}` });
      res.end(JSON.stringify(body));
    };
    const delay = Number(url.searchParams.get("delay") ?? 0);
    if (delay > 0) setTimeout(send, delay);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get aborted() {
      return state.aborted;
    },
    set aborted(value: number) {
      state.aborted = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a forward walk from the start must yield. */
export const forward = (total: number) => range(0, total);

/** What a backward walk from the end must yield: pages from the oldest end, each page newest first. */
export function backward(total: number, limit: number): number[] {
  const out: number[] = [];
  for (let end = total; end > 0; end -= limit) out.push(...range(Math.max(0, end - limit), end));
  return out;
}
