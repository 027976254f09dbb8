// What a user would pick instead of @kapso/client, each set up the way its documentation suggests for
// one authenticated JSON GET, and each given the same `fetch` (a stub that answers at once) or the
// same loopback server. Every variant checks its answer, so none can win by doing less.
import axios from "axios";
import ky from "ky";
import { createFetch } from "ofetch";
import OpenAI from "openai";

export const KEY = "bench-key";
export const WORKFLOW = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const SEED = "/workflows/{workflow_id}/executions";

/** The body the stub answers with: the loopback server's small page, item for item. */
const STUB_BODY = JSON.stringify({
  data: [{ id: "00000000-0000-4000-8000-000000000000", status: "ended", workflow: { id: WORKFLOW } }],
  paging: { cursors: { before: "MA==", after: "MQ==" }, next: "MQ==", previous: null },
});

/** A `fetch` that answers every request at once with a fresh 200 JSON response: client overhead only. */
export const stubFetch = async () =>
  new Response(STUB_BODY, { status: 200, headers: { "content-type": "application/json" } });

const check = (name, body) => {
  if (!Array.isArray(body?.data)) throw new Error(`${name} did not get the page`);
};

/**
 * The variants, by name, for one mode: `fetch` is the stub in stub mode and undefined against the
 * loopback server (each library then uses its own default transport: axios its Node http adapter).
 */
export function comparators({ createKapsoClient, createClient }, { baseUrl, fetch }) {
  const headers = { "X-API-Key": KEY };
  const path = `/workflows/${WORKFLOW}/executions`;
  const url = `${baseUrl}${path}?limit=20`;
  const doFetch = fetch ?? globalThis.fetch;
  const init = { params: { path: { workflow_id: WORKFLOW }, query: { limit: 20 } } };
  const bare = createClient({ baseUrl, headers, ...(fetch && { fetch }) });
  const kapso = createKapsoClient({ apiKey: KEY, baseUrl, ...(fetch && { fetch }) });
  // openai-node sends its key as a bearer token; Kapso reads X-API-Key, so it is sent as a header too.
  const openai = new OpenAI({
    baseURL: baseUrl,
    apiKey: KEY,
    defaultHeaders: headers,
    ...(fetch && { fetch }),
  });
  const kyClient = ky.create({ prefixUrl: baseUrl, headers, ...(fetch && { fetch }) });
  const axiosClient = axios.create({
    baseURL: baseUrl,
    headers,
    ...(fetch && { adapter: "fetch", env: { fetch } }),
  });
  const ofetch = createFetch({ fetch: doFetch });
  return {
    "raw fetch": async () => {
      const res = await doFetch(url, { headers });
      if (!res.ok) throw new Error(`raw fetch got ${res.status}`);
      check("raw fetch", await res.json());
    },
    "openapi-fetch": async () => {
      const { data } = await bare.GET(SEED, init);
      check("openapi-fetch", data);
    },
    // Like for like: openapi-fetch with a timeout, as every call of @kapso/client has one. A fetch
    // that follows an abort signal costs more in Node's undici than one that does not.
    "openapi-fetch + timeout signal": async () => {
      const { data } = await bare.GET(SEED, { ...init, signal: AbortSignal.timeout(30_000) });
      check("openapi-fetch + timeout signal", data);
    },
    "@kapso/client": async () => {
      const { data } = await kapso.GET(SEED, init);
      check("@kapso/client", data);
    },
    "openai-node": async () => {
      check("openai-node", await openai.get(path, { query: { limit: 20 } }));
    },
    ky: async () => {
      check("ky", await kyClient.get(path.slice(1), { searchParams: { limit: 20 } }).json());
    },
    axios: async () => {
      const { data } = await axiosClient.get(path, { params: { limit: 20 } });
      check("axios", data);
    },
    ofetch: async () => {
      check("ofetch", await ofetch(path, { baseURL: baseUrl, headers, query: { limit: 20 } }));
    },
  };
}
