import type { ContractCase } from "../contract-case.js";

const broadcast = { broadcast_id: "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d01" };

export const cases: ContractCase[] = [
  {
    operationId: "updateWhatsappBroadcastStatus",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { status: "stopped" } },
    prefer: { example: "stopped" },
    status: 200,
  },
  {
    operationId: "updateWhatsappBroadcastStatus",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { status: "draft" } },
    prefer: { example: "draft" },
    status: 200,
  },
  {
    operationId: "updateWhatsappBroadcastStatus",
    title: "a status other than draft or stopped",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { status: "sending" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "updateWhatsappBroadcastStatus",
    title: "without status",
    params: { path: broadcast },
    body: { whatsapp_broadcast: {} },
    status: 422,
    messageIncludes: "status",
  },

  {
    operationId: "clearWhatsappBroadcastRecipients",
    params: { path: broadcast },
    prefer: { example: "cleared" },
    status: 200,
  },
  {
    operationId: "clearWhatsappBroadcastRecipients",
    title: "broadcast_id is not a UUID",
    params: { path: { broadcast_id: "weekend-sale" } },
    status: 422,
    messageIncludes: "broadcast_id",
  },
  {
    operationId: "clearWhatsappBroadcastRecipients",
    title: "an unknown broadcast",
    params: { path: broadcast },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
];
