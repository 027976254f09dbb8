// The loopback API server the benchmarks measure against, run in its own process so that its work
// does not share an event loop with the code being measured. It serves a seed-shaped execution list:
// a fixed small page for the overhead runs, and a deterministic 10 000-item list walked by cursor.
import { createServer } from "node:http";

const TOTAL = Number(process.env.BENCH_TOTAL ?? 10_000);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 0);

const item = (i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  status: "ended",
  started_at: "2026-11-20T14:05:12Z",
  last_event_at: "2026-11-20T14:05:40Z",
  ended_at: "2026-11-20T14:05:40Z",
  tracking_id: null,
  whatsapp_conversation_id: null,
  workflow: { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "Order follow-up", status: "active" },
  current_step: {
    id: "7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e03",
    identifier: "start",
    stepable_type: null,
    position: null,
  },
});
const items = Array.from({ length: TOTAL }, (_, i) => item(i));
const cursor = (i) => Buffer.from(String(i)).toString("base64");
const small = JSON.stringify({
  data: [item(0)],
  paging: { cursors: { before: cursor(0), after: cursor(1) }, next: cursor(1), previous: null },
});

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (req.headers["x-api-key"] !== "bench-key") {
    res.writeHead(401, { "content-type": "application/json" }).end('{"error":"Unauthorized"}');
    return;
  }
  const respond = (body) => {
    const send = () => res.writeHead(200, { "content-type": "application/json" }).end(body);
    if (DELAY_MS > 0) setTimeout(send, DELAY_MS);
    else send();
  };
  if (!url.searchParams.has("walk")) return respond(small);
  const limit = Number(url.searchParams.get("limit") ?? 20);
  const after = url.searchParams.get("after");
  const start = after ? Number(Buffer.from(after, "base64").toString()) + 1 : 0;
  const data = items.slice(start, start + limit);
  const last = start + data.length - 1;
  const more = last < TOTAL - 1;
  respond(
    JSON.stringify({
      data,
      paging: {
        cursors: { before: data.length ? cursor(start) : null, after: data.length ? cursor(last) : null },
        next: more ? cursor(last) : null,
        previous: start > 0 ? cursor(start) : null,
      },
    }),
  );
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
