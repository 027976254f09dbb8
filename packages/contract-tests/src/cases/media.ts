import type { ContractCase } from "../contract-case.js";

const ingest = { phone_number_id: "123456789012345", source: "https://example.com/images/receipt.jpg" };

export const cases: ContractCase[] = [
  {
    operationId: "uploadMedia",
    title: "as WhatsApp media (default delivery)",
    body: { media_ingest: ingest },
    prefer: { example: "uploaded" },
    status: 200,
  },
  {
    operationId: "uploadMedia",
    title: "as a resumable asset for a template header",
    body: { media_ingest: { ...ingest, delivery: "meta_resumable_asset" } },
    prefer: { example: "header_handle" },
    status: 200,
  },
  {
    operationId: "uploadMedia",
    title: "with file name and MIME type given",
    body: { media_ingest: { ...ingest, filename: "receipt-2026-11.jpg", mime_type: "image/jpeg" } },
    status: 200,
  },
  {
    operationId: "uploadMedia",
    title: "delivery outside the enum",
    body: { media_ingest: { ...ingest, delivery: "kapso_media" } },
    status: 422,
  },
  {
    operationId: "uploadMedia",
    title: "no source",
    body: { media_ingest: { phone_number_id: "123456789012345" } },
    status: 422,
  },
  {
    operationId: "uploadMedia",
    title: "phone number id that is not Meta's numeric id",
    body: { media_ingest: { ...ingest, phone_number_id: "c63ced48-1283-4d55-8c8d-930f525aa0e5" } },
    status: 422,
  },
];
