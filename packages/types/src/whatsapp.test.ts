import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiLog,
  Contact,
  ContactList,
  Conversation,
  LegacyPageLimitError,
  Message,
  MessageType,
  PageMeta,
  Paging,
  paths,
  WebhookDelivery,
  WhatsappFlow,
  WhatsappFlowStatus,
  WhatsappFlowVersion,
  WhatsappFlowVersionDetail,
} from "./index.js";

type Json<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

describe("@kapso/types: contacts", () => {
  it("makes every contact field optional and wa_id nullable (a contact known only by its BSUID)", () => {
    expectTypeOf<Contact["id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Contact["wa_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Contact["business_scoped_user_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Contact["parent_business_scoped_user_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Contact["username"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("answers a list page with paging (cursors) or meta (deprecated page numbers), neither guaranteed", () => {
    expectTypeOf<ContactList["data"]>().toEqualTypeOf<Contact[]>();
    expectTypeOf<ContactList["paging"]>().toEqualTypeOf<Paging | undefined>();
    expectTypeOf<ContactList["meta"]>().toEqualTypeOf<PageMeta | undefined>();
  });

  it("addresses a contact by any identifier string, BSUIDs included", () => {
    type Path = paths["/whatsapp/contacts/{identifier}"]["get"]["parameters"]["path"];
    expectTypeOf<Path["identifier"]>().toEqualTypeOf<string>();
  });

  it("types the 400 of the contact list as the legacy page-cap refusal", () => {
    type List = paths["/whatsapp/contacts"]["get"];
    expectTypeOf<Json<List, 400>>().toEqualTypeOf<LegacyPageLimitError>();
    expectTypeOf<LegacyPageLimitError["max_page"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("@kapso/types: conversations and messages", () => {
  it("lets a conversation lack a phone number, a last activity and the kapso summary", () => {
    expectTypeOf<Conversation["phone_number"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Conversation["last_active_at"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Conversation["business_scoped_user_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Conversation["status"]>().toEqualTypeOf<"active" | "ended">();
    expectTypeOf<null>().toExtend<Conversation["kapso"]>();
  });

  it("types a message's sender and recipient as nullable, with business-scoped ids beside them", () => {
    expectTypeOf<Message["from"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Message["to"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Message["from_user_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Message["to_user_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Message["type"]>().toEqualTypeOf<MessageType>();
    expectTypeOf<"text">().toExtend<MessageType>();
    expectTypeOf<"unsupported">().not.toExtend<MessageType>();
  });

  it("always carries kapso with direction, status and the conversation id", () => {
    type Kapso = Message["kapso"];
    expectTypeOf<Kapso["direction"]>().toEqualTypeOf<"inbound" | "outbound">();
    expectTypeOf<Kapso["whatsapp_conversation_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Kapso["phone_number"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Kapso["origin"]>().toEqualTypeOf<
      "cloud_api" | "business_app" | "history_sync" | undefined
    >();
  });
});

describe("@kapso/types: logs", () => {
  it("types response_time_ms as a number that is always there", () => {
    expectTypeOf<ApiLog["response_time_ms"]>().toEqualTypeOf<number>();
  });

  it("gives a delivery its status and lets webhook_id be absent or null", () => {
    expectTypeOf<WebhookDelivery["status"]>().toEqualTypeOf<"pending" | "delivered" | "failed">();
    expectTypeOf<WebhookDelivery["webhook_id"]>().toEqualTypeOf<string | null | undefined>();
  });
});

describe("@kapso/types: WhatsApp Flows", () => {
  it("requires a Flow's identity, name and status, with status draft or published", () => {
    expectTypeOf<WhatsappFlowStatus>().toEqualTypeOf<"draft" | "published">();
    expectTypeOf<WhatsappFlow["status"]>().toEqualTypeOf<WhatsappFlowStatus>();
    expectTypeOf<WhatsappFlow["meta_flow_id"]>().toEqualTypeOf<string>();
    expectTypeOf<WhatsappFlow["has_data_endpoint"]>().toEqualTypeOf<boolean | undefined>();
  });

  it("gives the Flow JSON to a fetched version only, not to list items", () => {
    type VersionList = Json<paths["/whatsapp/flows/{flow_id}/versions"]["get"], 200>;
    expectTypeOf<VersionList["data"]>().toEqualTypeOf<WhatsappFlowVersion[]>();
    expectTypeOf<WhatsappFlowVersionDetail>().toHaveProperty("flow_json");
    type Fetched = Json<paths["/whatsapp/flows/{flow_id}/versions/{version_id}"]["get"], 200>;
    expectTypeOf<Fetched["data"]>().toEqualTypeOf<WhatsappFlowVersionDetail>();
  });

  it("types the function logs and invocations with their limits", () => {
    type Logs = paths["/whatsapp/flows/{flow_id}/function_logs"]["get"];
    expectTypeOf<NonNullable<Logs["parameters"]["query"]>["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Json<Logs, 200>["data"]["logs"][number]["level"]>().toEqualTypeOf<string | undefined>();
    type Invocations = paths["/whatsapp/flows/{flow_id}/function_invocations"]["get"];
    expectTypeOf<NonNullable<Invocations["parameters"]["query"]>["status"]>().toEqualTypeOf<
      "success" | "failed" | undefined
    >();
  });

  it("attaches a deployed function with PATCH data_endpoint, and registers without a body", () => {
    type Attach = paths["/whatsapp/flows/{flow_id}/data_endpoint"]["patch"];
    expectTypeOf<Attach["requestBody"]>().toEqualTypeOf<{
      content: { "application/json": { function_id: string } };
    }>();
    type Register = paths["/whatsapp/flows/{flow_id}/data_endpoint/register"]["post"];
    expectTypeOf<Register["requestBody"]>().toEqualTypeOf<never | undefined>();
  });
});
