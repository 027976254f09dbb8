import type {
  Broadcast,
  BroadcastRecipient,
  Customer,
  PageMeta as PageMetaSchema,
  paths,
  SetupLink,
  WhatsappFlow,
  WhatsappFlowResponse,
  WhatsappFlowVersion,
  WhatsappPhoneNumber,
  WhatsappWebhook,
} from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  collect,
  type PaginatablePath,
  type PaginatedItem,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

// Every page-number list of the customers, setup links, phone numbers, broadcasts, webhooks and
// WhatsApp Flows areas works with the paginator as is: the path is accepted and the item type is the
// schema's alias. Calls are made inside functions that never run: these tests are about types only.
const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });
const customer_id = "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01";
const phone_number_id = "1234567890";
const broadcast_id = "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d04";
const flow_id = "3c90c3cc-0d44-4b50-8888-8dd257360501";

type Accepts<P> = P extends PaginatablePath<paths> ? true : false;

describe("customers", () => {
  test("/customers yields Customer, by page number", () => {
    expectTypeOf<Accepts<"/customers">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/customers">>().toEqualTypeOf<Customer>();
    expectTypeOf<PaginationStyleOf<paths, "/customers">>().toEqualTypeOf<"page">();
    async () => {
      for await (const item of paginate(kapso, "/customers", { params: { query: { per_page: 100 } } })) {
        expectTypeOf(item).toEqualTypeOf<Customer>();
      }
    };
  });
});

describe("setup links", () => {
  test("/customers/{customer_id}/setup_links yields SetupLink", () => {
    expectTypeOf<Accepts<"/customers/{customer_id}/setup_links">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/customers/{customer_id}/setup_links">>().toEqualTypeOf<SetupLink>();
    () => {
      expectTypeOf(
        collect(
          kapso,
          "/customers/{customer_id}/setup_links",
          { params: { path: { customer_id }, query: { status: "active" } } },
          { maxItems: 50 },
        ),
      ).toEqualTypeOf<Promise<SetupLink[]>>();
      // @ts-expect-error customer_id is required
      paginate(kapso, "/customers/{customer_id}/setup_links", { params: { query: { page: 1 } } });
    };
  });
});

describe("phone numbers", () => {
  test("/whatsapp/phone_numbers yields WhatsappPhoneNumber", () => {
    expectTypeOf<Accepts<"/whatsapp/phone_numbers">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/phone_numbers">>().toEqualTypeOf<WhatsappPhoneNumber>();
    () => {
      paginate(kapso, "/whatsapp/phone_numbers", { params: { query: { customer_id } } });
    };
  });

  test("the health check is not a list", () => {
    expectTypeOf<Accepts<"/whatsapp/phone_numbers/{phone_number_id}/health">>().toEqualTypeOf<false>();
    expectTypeOf<Accepts<"/whatsapp/phone_numbers/{phone_number_id}">>().toEqualTypeOf<false>();
  });
});

describe("broadcasts", () => {
  test("/whatsapp/broadcasts yields Broadcast", () => {
    expectTypeOf<Accepts<"/whatsapp/broadcasts">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/broadcasts">>().toEqualTypeOf<Broadcast>();
  });

  test("/whatsapp/broadcasts/{broadcast_id}/recipients yields BroadcastRecipient", () => {
    expectTypeOf<Accepts<"/whatsapp/broadcasts/{broadcast_id}/recipients">>().toEqualTypeOf<true>();
    expectTypeOf<
      PaginatedItem<paths, "/whatsapp/broadcasts/{broadcast_id}/recipients">
    >().toEqualTypeOf<BroadcastRecipient>();
    () => {
      paginatePages(kapso, "/whatsapp/broadcasts/{broadcast_id}/recipients", {
        params: { path: { broadcast_id }, query: { per_page: 100 } },
      });
    };
  });
});

describe("webhooks", () => {
  test("project-level and per-number lists yield WhatsappWebhook", () => {
    expectTypeOf<Accepts<"/whatsapp/webhooks">>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<"/whatsapp/phone_numbers/{phone_number_id}/webhooks">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/webhooks">>().toEqualTypeOf<WhatsappWebhook>();
    expectTypeOf<
      PaginatedItem<paths, "/whatsapp/phone_numbers/{phone_number_id}/webhooks">
    >().toEqualTypeOf<WhatsappWebhook>();
    () => {
      paginate(kapso, "/whatsapp/webhooks", { params: { query: { kind: "kapso" } } });
      paginate(kapso, "/whatsapp/phone_numbers/{phone_number_id}/webhooks", {
        params: { path: { phone_number_id } },
      });
    };
  });
});

describe("WhatsApp Flows", () => {
  test("flows, versions and responses yield their schemas", () => {
    expectTypeOf<Accepts<"/whatsapp/flows">>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<"/whatsapp/flows/{flow_id}/versions">>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<"/whatsapp/flows/{flow_id}/responses">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/flows">>().toEqualTypeOf<WhatsappFlow>();
    expectTypeOf<
      PaginatedItem<paths, "/whatsapp/flows/{flow_id}/versions">
    >().toEqualTypeOf<WhatsappFlowVersion>();
    expectTypeOf<
      PaginatedItem<paths, "/whatsapp/flows/{flow_id}/responses">
    >().toEqualTypeOf<WhatsappFlowResponse>();
    () => {
      paginate(kapso, "/whatsapp/flows/{flow_id}/versions", { params: { path: { flow_id } } });
    };
  });

  test("function logs and invocations are not lists", () => {
    expectTypeOf<Accepts<"/whatsapp/flows/{flow_id}/function_logs">>().toEqualTypeOf<false>();
    expectTypeOf<Accepts<"/whatsapp/flows/{flow_id}/function_invocations">>().toEqualTypeOf<false>();
  });
});

test("the page-number meta of these lists is the shared PageMeta schema", () => {
  type Body = paths["/customers"]["get"]["responses"][200]["content"]["application/json"];
  expectTypeOf<Body["meta"]>().toEqualTypeOf<PageMetaSchema>();
});
