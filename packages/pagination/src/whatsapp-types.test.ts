// Types of walks over the Meta proxy's lists, from a createKapsoWhatsAppClient client.
import { createKapsoWhatsAppClient } from "@kapso/client";
import type {
  Call,
  Contact,
  Conversation,
  FlowSummary,
  ListCallsResponse,
  ListContactsResponse,
  ListConversationsResponse,
  ListMessagesResponse,
  ListPhoneNumbersResponse,
  ListTemplatesResponse,
  Message,
  MessageTemplate,
  Paging,
  PhoneNumberSummary,
  paths as WhatsAppPaths,
} from "@kapso/types/whatsapp";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  collect,
  type NotAPaginatedList,
  type PaginatablePath,
  type PaginatedItem,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

const wa = createKapsoWhatsAppClient({ apiKey: "k" });
const phone_number_id = "197211286875";
const business_account_id = "102290129340398";
type ItemOf<R extends { data: unknown[] }> = R["data"][number];

describe("the proxy's lists", () => {
  test("are exactly the GET operations answering data with paging, all in the cursor style", () => {
    expectTypeOf<PaginatablePath<WhatsAppPaths>>().toEqualTypeOf<
      | "/{phone_number_id}/messages"
      | "/{phone_number_id}/conversations"
      | "/{phone_number_id}/contacts"
      | "/{phone_number_id}/calls"
      | "/{business_account_id}/message_templates"
      | "/{business_account_id}/flows"
      | "/{phone_number_id}/flows"
      | "/{business_account_id}/phone_numbers"
    >();
    // A Flow's assets answer an optional `data` and take no cursor: not a list to walk.
    expectTypeOf<Extract<PaginatablePath<WhatsAppPaths>, "/{flow_id}/assets">>().toBeNever();
    expectTypeOf<PaginationStyleOf<WhatsAppPaths, "/{phone_number_id}/messages">>().toEqualTypeOf<"cursor">();
  });

  test("give each walk its item type", () => {
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{phone_number_id}/messages">>().toEqualTypeOf<
      ItemOf<ListMessagesResponse>
    >();
    expectTypeOf<ItemOf<ListMessagesResponse>>().toExtend<Message>();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{phone_number_id}/conversations">>().toExtend<Conversation>();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{phone_number_id}/contacts">>().toExtend<Contact>();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{phone_number_id}/calls">>().toExtend<Call>();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{business_account_id}/message_templates">>().toEqualTypeOf<
      ItemOf<ListTemplatesResponse>
    >();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{business_account_id}/phone_numbers">>().toEqualTypeOf<
      ItemOf<ListPhoneNumbersResponse>
    >();
    expectTypeOf<ItemOf<ListConversationsResponse>>().toExtend<Conversation>();
    expectTypeOf<
      PaginatedItem<WhatsAppPaths, "/{business_account_id}/message_templates">
    >().toExtend<MessageTemplate>();
    expectTypeOf<
      PaginatedItem<WhatsAppPaths, "/{business_account_id}/phone_numbers">
    >().toExtend<PhoneNumberSummary>();
    expectTypeOf<PaginatedItem<WhatsAppPaths, "/{phone_number_id}/flows">>().toExtend<FlowSummary>();
    expectTypeOf<ItemOf<ListContactsResponse>>().toExtend<Contact>();
    expectTypeOf<ItemOf<ListCallsResponse>>().toExtend<Call>();
  });

  test("infer items and pages from a createKapsoWhatsAppClient client and a bare one alike", () => {
    const init = { params: { path: { phone_number_id }, query: { limit: 50 } } };
    const items = () => paginate(wa, "/{phone_number_id}/messages", init);
    expectTypeOf<ReturnType<typeof items>>().toEqualTypeOf<
      AsyncGenerator<ItemOf<ListMessagesResponse>, void, undefined>
    >();
    const pages = () => paginatePages(wa, "/{phone_number_id}/conversations", init);
    type ConversationPage = ReturnType<typeof pages> extends AsyncGenerator<infer P> ? P : never;
    expectTypeOf<ConversationPage["data"]>().toEqualTypeOf<ItemOf<ListConversationsResponse>[]>();
    // The proxy's own paging type, not the Platform's.
    expectTypeOf<ConversationPage["paging"]>().toEqualTypeOf<Paging>();
    const bare = createClient<WhatsAppPaths>({ baseUrl: "http://127.0.0.1:9" });
    const templates = () =>
      collect(
        bare,
        "/{business_account_id}/message_templates",
        { params: { path: { business_account_id } } },
        { maxItems: 10 },
      );
    expectTypeOf<ReturnType<typeof templates>>().toEqualTypeOf<Promise<ItemOf<ListTemplatesResponse>[]>>();
    const withOptions = () =>
      paginate(wa.withOptions({ timeoutMs: 5_000 }), "/{phone_number_id}/calls", init);
    expectTypeOf<ReturnType<typeof withOptions>>().toEqualTypeOf<
      AsyncGenerator<ItemOf<ListCallsResponse>, void, undefined>
    >();
  });

  test("refuse the proxy's paths that are not lists, and the Platform's paths", () => {
    const refused = () => {
      // @ts-expect-error a single message is not a list
      paginate(wa, "/{phone_number_id}/messages/{message_id}", {
        params: { path: { phone_number_id, message_id: "m" } },
      });
      // @ts-expect-error the blocked users answer `data` without `paging`
      paginate(wa, "/{phone_number_id}/block_users", { params: { path: { phone_number_id } } });
      // @ts-expect-error a Platform path, on the proxy's client
      collect(wa, "/whatsapp/conversations", {}, { maxItems: 5 });
      // @ts-expect-error the phone number id is required
      paginate(wa, "/{phone_number_id}/messages", { params: { query: { limit: 10 } } });
    };
    expectTypeOf(refused).toBeFunction();
    expectTypeOf<
      NotAPaginatedList<"/{phone_number_id}/username">
    >().toEqualTypeOf<"/{phone_number_id}/username is not a paginated list">();
  });
});
