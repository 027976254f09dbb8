/**
 * Opt-in: the read-only list operations of the spec called against the real Kapso API, each answer
 * validated against the spec's schema. Needs KAPSO_LIVE=1, KAPSO_API_KEY and KAPSO_LIVE_WORKFLOW_ID;
 * other ids come from KAPSO_LIVE_<PARAM> or from the first execution of the workflow. KAPSO_BASE_URL
 * points the run at another deployment (or at a kapso-mock, to try the live path without a key).
 */
import { createKapsoClient, unwrap } from "@kapso/client";
import { describe, expect, it } from "vitest";
import { call } from "./harness.js";
import { liveParam, liveStatus } from "./live-config.js";
import { deref, type JsonSchema, type Operation, operations, responseSchema } from "./spec.js";
import { validateResponse } from "./validate.js";

const live = liveStatus();

/** GET operations whose 200 body is a list and that need no query parameter. */
const readOnlyLists = [...operations.values()].filter((op) => {
  const schema = responseSchema(op, 200);
  const data = schema && (deref(schema) as { properties?: { data?: JsonSchema } }).properties?.data;
  const isList = data !== undefined && deref(data).type === "array";
  const required = op.parameters.some((p) => p.in === "query" && p.required);
  return op.method === "GET" && isList && !required;
});

// Ids other cases need, taken from what earlier live answers returned.
const discovered: Record<string, string> = {};
function discover(op: Operation, body: unknown): void {
  if (op.operationId !== "listWorkflowExecutions") return;
  const first = (body as { data?: Array<{ id?: string; whatsapp_conversation_id?: string | null }> })
    .data?.[0];
  if (first?.id) discovered.execution_id ??= first.id;
  if (first?.whatsapp_conversation_id) discovered.conversation_id ??= first.whatsapp_conversation_id;
}

// Lists whose ids are discovered run after the list they are discovered from.
readOnlyLists.sort(
  (a, b) =>
    Number(b.operationId === "listWorkflowExecutions") - Number(a.operationId === "listWorkflowExecutions"),
);

describe.sequential("live Kapso API (read-only)", () => {
  const client = live.enabled
    ? createKapsoClient({ apiKey: live.apiKey, ...(live.baseUrl ? { baseUrl: live.baseUrl } : {}) })
    : undefined;

  for (const op of readOnlyLists) {
    it(`${op.operationId} answers 200 matching the spec`, async (context) => {
      if (!client) return context.skip(`live mode off: ${live.reason}`);
      const path: Record<string, string> = {};
      for (const parameter of op.parameters.filter((p) => p.in === "path")) {
        const value = liveParam(parameter.name) ?? discovered[parameter.name];
        if (!value) {
          return context.skip(`no ${parameter.name}: set KAPSO_LIVE_${parameter.name.toUpperCase()}`);
        }
        path[parameter.name] = value;
      }
      const query = op.parameters.some((p) => p.name === "limit") ? { limit: 5 } : {};
      const result = await call(client, op, { params: { path, query } });
      const body = await unwrap(result);
      const check = validateResponse(op, 200, body);
      expect(check.valid, check.errors).toBe(true);
      discover(op, body);
    });
  }
});
