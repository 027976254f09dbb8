// Type tests of @kapso/types/whatsapp (the Meta proxy). The Platform API's WhatsApp routes are tested
// in ../whatsapp.test.ts.
import { describe, expectTypeOf, it } from "vitest";
import type {
  Call,
  Contact,
  Conversation,
  DownloadMediaResponse,
  Flow,
  FlowSummary,
  GetFlowQuery,
  GetMediaUrlQuery,
  KapsoError,
  MarketingPreferenceStoppedError,
  MediaUrl,
  Message,
  MessageTemplate,
  MetaError,
  operations,
  PhoneNumber,
  PhoneNumberSummary,
  paths,
  SendMessageRequestBody,
  ThreadOwnershipError,
} from "./index.js";

type Json<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
type Item<Op> = Json<Op, 200> extends { data: Array<infer T> } ? T : never;
type PathParams<Op> = Op extends { parameters: { path: infer P } } ? P : never;
type JsonBody<Op> = Op extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : never;

type Send = paths["/{phone_number_id}/messages"]["post"];
type SendBody = JsonBody<Send>;

describe("@kapso/types/whatsapp: sending messages", () => {
  it("accepts a text message to a phone number, and one to a business-scoped user id", () => {
    const toPhone: SendBody = {
      messaging_product: "whatsapp",
      to: "15551234567",
      type: "text",
      text: { body: "Hi" },
    };
    const toBsuid: SendBody = {
      messaging_product: "whatsapp",
      recipient: "US.13491208655302741918",
      type: "text",
      text: { body: "Hi" },
    };
    expectTypeOf(toPhone).toExtend<SendMessageRequestBody>();
    expectTypeOf(toBsuid).toExtend<SendMessageRequestBody>();
  });

  it("refuses a text message without text, and a message to nobody", () => {
    // @ts-expect-error `type: "text"` needs `text`
    const noText: SendBody = { messaging_product: "whatsapp", to: "15551234567", type: "text" };
    // @ts-expect-error a message needs `to` (or `recipient`)
    const noRecipient: SendBody = { messaging_product: "whatsapp", type: "text", text: { body: "Hi" } };
    const imageWithoutImage = { messaging_product: "whatsapp", to: "15551234567", type: "image" } as const;
    // @ts-expect-error `type: "image"` needs `image`
    const wrongPayload: SendBody = imageWithoutImage;
    expectTypeOf([noText, noRecipient, wrongPayload]).toBeArray();
  });

  it("narrows a message body by its type", () => {
    const describe = (body: SendBody): string => {
      if (!("type" in body)) return `read ${body.message_id}`;
      switch (body.type) {
        case "text":
          return body.text.body;
        case "image":
          return body.image.link ?? body.image.id ?? "";
        case "template":
          return body.template.name;
        default:
          return body.type;
      }
    };
    expectTypeOf(describe).returns.toEqualTypeOf<string>();
  });

  it("marks a message read through the same path", () => {
    const read: SendBody = { messaging_product: "whatsapp", status: "read", message_id: "wamid.HBgL" };
    expectTypeOf(read).toExtend<SendBody>();
  });
});

describe("@kapso/types/whatsapp: item types of the lists", () => {
  it("types each list's items", () => {
    expectTypeOf<Item<paths["/{phone_number_id}/messages"]["get"]>>().toEqualTypeOf<Message>();
    expectTypeOf<Item<paths["/{phone_number_id}/conversations"]["get"]>>().toEqualTypeOf<Conversation>();
    expectTypeOf<Item<paths["/{phone_number_id}/contacts"]["get"]>>().toEqualTypeOf<Contact>();
    expectTypeOf<Item<paths["/{phone_number_id}/calls"]["get"]>>().toEqualTypeOf<Call>();
    expectTypeOf<
      Item<paths["/{business_account_id}/message_templates"]["get"]>
    >().toEqualTypeOf<MessageTemplate>();
    expectTypeOf<Item<paths["/{business_account_id}/flows"]["get"]>>().toEqualTypeOf<FlowSummary>();
    expectTypeOf<Item<paths["/{phone_number_id}/flows"]["get"]>>().toEqualTypeOf<FlowSummary>();
    expectTypeOf<
      Item<paths["/{business_account_id}/phone_numbers"]["get"]>
    >().toEqualTypeOf<PhoneNumberSummary>();
  });

  it("pages them by cursor", () => {
    type Page = Json<paths["/{phone_number_id}/messages"]["get"], 200>;
    expectTypeOf<NonNullable<NonNullable<Page["paging"]>["cursors"]>["after"]>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<NonNullable<paths["/{phone_number_id}/messages"]["get"]["parameters"]["query"]>>()
      .toHaveProperty("after")
      .toEqualTypeOf<string | undefined>();
  });
});

describe("@kapso/types/whatsapp: operations that share a URL template", () => {
  it("keeps reading a phone number, a media file and a Flow apart", () => {
    expectTypeOf<Json<paths["/{phone_number_id}"]["get"], 200>>().toEqualTypeOf<PhoneNumber>();
    expectTypeOf<Json<paths["/{media_id}"]["get"], 200>>().toEqualTypeOf<MediaUrl>();
    expectTypeOf<Json<paths["/{flow_id}"]["get"], 200>>().toEqualTypeOf<Flow>();
    expectTypeOf<PathParams<paths["/{media_id}"]["get"]>>().toEqualTypeOf<{ media_id: string }>();
    expectTypeOf<PathParams<paths["/{phone_number_id}"]["get"]>>().toEqualTypeOf<{
      phone_number_id: string;
    }>();
    // Reading a media file needs the number that owns it; reading a Flow does not.
    expectTypeOf<GetMediaUrlQuery["phone_number_id"]>().toEqualTypeOf<string>();
    expectTypeOf<GetFlowQuery["phone_number_id"]>().toEqualTypeOf<string | undefined>();
  });

  it("keeps updating a phone number and a Flow apart, and deleting belongs to media alone", () => {
    expectTypeOf<JsonBody<paths["/{phone_number_id}"]["post"]>>().toHaveProperty("pin");
    expectTypeOf<JsonBody<paths["/{flow_id}"]["post"]>>().toHaveProperty("categories");
    expectTypeOf<paths["/{media_id}"]["delete"]>().toEqualTypeOf<operations["deleteMedia"]>();
    expectTypeOf<paths["/{phone_number_id}"]["delete"]>().toEqualTypeOf<undefined>();
  });

  it("keeps a business account's Flows and a phone number's apart", () => {
    expectTypeOf<PathParams<paths["/{business_account_id}/flows"]["get"]>>().toEqualTypeOf<{
      business_account_id: string;
    }>();
    expectTypeOf<PathParams<paths["/{phone_number_id}/flows"]["post"]>>().toEqualTypeOf<{
      phone_number_id: string;
    }>();
    expectTypeOf<paths["/{phone_number_id}/flows"]["post"]>().toEqualTypeOf<
      operations["createFlowByPhoneNumber"]
    >();
  });

  it("has no type for the shared paths themselves", () => {
    expectTypeOf<paths>().not.toHaveProperty("/{object_id}");
    expectTypeOf<paths>().not.toHaveProperty("/{owner_id}/flows");
  });
});

describe("@kapso/types/whatsapp: errors and downloads", () => {
  it("types Meta's errors with code and subcode, and Kapso's own", () => {
    expectTypeOf<MetaError["error"]["code"]>().toEqualTypeOf<number>();
    expectTypeOf<MetaError["error"]["error_subcode"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MetaError["error"]["fbtrace_id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MarketingPreferenceStoppedError["code"]>().toEqualTypeOf<"marketing_preference_stopped">();
    expectTypeOf<ThreadOwnershipError["code"]>().toEqualTypeOf<
      "thread_not_owner" | "thread_ownership_unknown" | "meta_business_agent_control"
    >();
    type Refused = Json<Send, 422>;
    expectTypeOf<MarketingPreferenceStoppedError>().toExtend<Refused>();
    expectTypeOf<MetaError>().toExtend<Refused>();
    expectTypeOf<KapsoError["error"]>().toEqualTypeOf<string>();
  });

  it("types a media download as its bytes, not as an empty body", () => {
    expectTypeOf<DownloadMediaResponse>().not.toEqualTypeOf<undefined>();
    expectTypeOf<DownloadMediaResponse>().toEqualTypeOf<string>();
  });
});
