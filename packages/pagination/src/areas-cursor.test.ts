import type {
  ApiLog,
  Contact,
  Conversation,
  DatabaseRow,
  Message,
  paths,
  WebhookDelivery,
} from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  type CursorPaging,
  collect,
  type PageMeta,
  type PaginatablePath,
  type PaginatedItem,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

// The cursor lists of the conversations, messages, contacts and logs areas work with `paginate`
// out of the box, with the item type of their schema. Database tables and rows, integrations and
// provider models have no pagination and must not compile. Calls sit in functions that never run:
// these tests are about types only.
const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });

describe("conversations", () => {
  test("listConversations is a cursor list of Conversation", () => {
    expectTypeOf<"/whatsapp/conversations">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/conversations">>().toEqualTypeOf<Conversation>();
    expectTypeOf<PaginationStyleOf<paths, "/whatsapp/conversations">>().toEqualTypeOf<"cursor">();
    () => {
      const items = paginate(kapso, "/whatsapp/conversations", {
        params: { query: { status: "active", unassigned: true, limit: 100 } },
      });
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<Conversation, void, undefined>>();
    };
  });
});

describe("messages", () => {
  test("listMessages is a cursor list of Message", () => {
    expectTypeOf<"/whatsapp/messages">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/messages">>().toEqualTypeOf<Message>();
    expectTypeOf<PaginationStyleOf<paths, "/whatsapp/messages">>().toEqualTypeOf<"cursor">();
    () => {
      const items = paginate(
        kapso,
        "/whatsapp/messages",
        { params: { query: { direction: "inbound", has_media: true } } },
        { maxItems: 500, direction: "before" },
      );
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<Message, void, undefined>>();
      // @ts-expect-error direction is inbound or outbound
      paginate(kapso, "/whatsapp/messages", { params: { query: { direction: "sideways" } } });
    };
  });
});

describe("contacts", () => {
  test("listContacts is a list of Contact in either style: cursors, or page numbers when asked", () => {
    expectTypeOf<"/whatsapp/contacts">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/whatsapp/contacts">>().toEqualTypeOf<Contact>();
    expectTypeOf<PaginationStyleOf<paths, "/whatsapp/contacts">>().toEqualTypeOf<"cursor" | "page">();
    () => {
      // A page is either kind, so the caller checks which one came before reading its field.
      const pages = paginatePages(kapso, "/whatsapp/contacts", { params: { query: { page: 2 } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<
          | { data: Contact[]; paging: CursorPaging; response: Response }
          | { data: Contact[]; meta: PageMeta; response: Response },
          void,
          undefined
        >
      >();
      // A cursor walk may still go backward.
      paginate(kapso, "/whatsapp/contacts", {}, { direction: "before" });
    };
    () => {
      const all = collect(
        kapso,
        "/whatsapp/contacts",
        { params: { query: { has_customer: false } } },
        {
          maxItems: 1000,
        },
      );
      expectTypeOf(all).resolves.toEqualTypeOf<Contact[]>();
      // A single contact is not a list.
      // @ts-expect-error `data` is an object
      paginate(kapso, "/whatsapp/contacts/{identifier}", { params: { path: { identifier: "15551234567" } } });
    };
  });
});

describe("logs", () => {
  test("listApiLogs is a cursor list of ApiLog", () => {
    expectTypeOf<"/api_logs">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/api_logs">>().toEqualTypeOf<ApiLog>();
    expectTypeOf<PaginationStyleOf<paths, "/api_logs">>().toEqualTypeOf<"cursor">();
    () => {
      const items = paginate(kapso, "/api_logs", { params: { query: { period: "7d", errors_only: true } } });
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<ApiLog, void, undefined>>();
      // @ts-expect-error period is 24h, 7d or 30d
      paginate(kapso, "/api_logs", { params: { query: { period: "1y" } } });
    };
  });

  test("listWebhookDeliveries is a cursor list of WebhookDelivery", () => {
    expectTypeOf<"/webhook_deliveries">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/webhook_deliveries">>().toEqualTypeOf<WebhookDelivery>();
    expectTypeOf<PaginationStyleOf<paths, "/webhook_deliveries">>().toEqualTypeOf<"cursor">();
    () => {
      const pages = paginatePages(kapso, "/webhook_deliveries", { params: { query: { status: "failed" } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<{ data: WebhookDelivery[]; paging: CursorPaging; response: Response }, void, undefined>
      >();
    };
  });
});

describe("lists without pagination", () => {
  test("database tables and rows are not paginatable", () => {
    expectTypeOf<"/database_tables">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/db/{table}">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error database tables have no pagination
      paginate(kapso, "/database_tables", {});
      // @ts-expect-error rows use limit/offset, not cursors or page numbers
      paginate(kapso, "/db/{table}", { params: { path: { table: "leads" } } });
    };
    // The rows' type stays usable on its own.
    expectTypeOf<DatabaseRow>().toEqualTypeOf<{ [key: string]: unknown }>();
  });

  test("integrations, their catalog and provider models are not paginatable", () => {
    expectTypeOf<"/integrations">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/integrations/actions">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/provider_models">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error integrations have no pagination
      paginate(kapso, "/integrations", {});
      // @ts-expect-error the catalog has no pagination
      collect(kapso, "/integrations/apps", {}, { all: true });
      // @ts-expect-error provider models have no pagination
      paginatePages(kapso, "/provider_models", {});
    };
  });
});
