// The loopback API server the benchmarks measure against, run in its own process so that its work
// does not share an event loop with the code being measured. Built on @kapso/test-support's recording
// server, with recording switched off between requests so a million-item walk keeps nothing. It
// serves a seed-shaped execution list: a fixed small page for the overhead runs, and a list of
// BENCH_TOTAL items walked by cursor (`walk=1`), each page computed from its cursor, never stored.
import { json, startLoopbackServer } from "@kapso/test-support";

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
const cursor = (i) => Buffer.from(String(i)).toString("base64");
const small = {
  data: [item(0)],
  paging: { cursors: { before: cursor(0), after: cursor(1) }, next: cursor(1), previous: null },
};

function page(query) {
  const limit = Number(query.get("limit") ?? 20);
  const after = query.get("after");
  const start = after ? Number(Buffer.from(after, "base64").toString()) + 1 : 0;
  const end = Math.min(TOTAL, start + limit);
  const data = [];
  for (let i = start; i < end; i++) data.push(item(i));
  return {
    data,
    paging: {
      cursors: { before: data.length ? cursor(start) : null, after: data.length ? cursor(end - 1) : null },
      next: end < TOTAL ? cursor(end - 1) : null,
      previous: start > 0 ? cursor(start) : null,
    },
  };
}

const server = await startLoopbackServer((request, res) => {
  server.reset();
  if (request.headers["x-api-key"] !== "bench-key") return json(res, 401, { error: "Unauthorized" });
  const body = request.query.has("walk") ? page(request.query) : small;
  if (DELAY_MS > 0) setTimeout(() => json(res, 200, body), DELAY_MS);
  else json(res, 200, body);
});
process.send?.({ port: new URL(server.origin).port });
process.on("disconnect", () => server.close().then(() => process.exit(0)));
