import type {
  ConversationAssignment,
  DisplayNameRequest,
  InboxEmbed,
  ProjectUser,
  paths,
  WhatsappFunding,
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

// The lists of the display names, conversation assignments, users, inbox embeds and WhatsApp
// funding areas work with the paginator as is, with the item type of their schema; the contact
// marketing preferences and the funding and usage reads are not paginated and must not compile.
// Calls sit in functions that never run: these tests are about types only.
const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });
const phone_number_id = "1234567890";
const conversation_id = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b01";
const portfolio_id = "823380597459265";

type Accepts<P> = P extends PaginatablePath<paths> ? true : false;

describe("display names", () => {
  test("a number's display name requests yield DisplayNameRequest, by page number", () => {
    const path = "/whatsapp/phone_numbers/{phone_number_id}/display_name_requests";
    expectTypeOf<Accepts<typeof path>>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, typeof path>>().toEqualTypeOf<DisplayNameRequest>();
    expectTypeOf<PaginationStyleOf<paths, typeof path>>().toEqualTypeOf<"page">();
    async () => {
      for await (const request of paginate(kapso, path, { params: { path: { phone_number_id } } })) {
        expectTypeOf(request).toEqualTypeOf<DisplayNameRequest>();
        expectTypeOf(request.status).toEqualTypeOf<DisplayNameRequest["status"]>();
      }
      // @ts-expect-error phone_number_id is required
      paginate(kapso, path, { params: { query: { per_page: 50 } } });
    };
  });
});

describe("conversation assignments", () => {
  test("a conversation's assignments yield ConversationAssignment", () => {
    const path = "/whatsapp/conversations/{conversation_id}/assignments";
    expectTypeOf<Accepts<typeof path>>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, typeof path>>().toEqualTypeOf<ConversationAssignment>();
    () => {
      expectTypeOf(
        collect(kapso, path, { params: { path: { conversation_id } } }, { maxItems: 100 }),
      ).toEqualTypeOf<Promise<ConversationAssignment[]>>();
      // A single assignment is not a list.
      // @ts-expect-error `data` is an object
      paginate(kapso, "/whatsapp/conversations/{conversation_id}/assignments/{id}", {
        params: { path: { conversation_id, id: "a1b2c3d4-e5f6-4a78-9abc-def123456701" } },
      });
    };
  });
});

describe("users", () => {
  test("/users yields ProjectUser, by page number", () => {
    expectTypeOf<Accepts<"/users">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/users">>().toEqualTypeOf<ProjectUser>();
    expectTypeOf<PaginationStyleOf<paths, "/users">>().toEqualTypeOf<"page">();
    async () => {
      for await (const page of paginatePages(kapso, "/users", { params: { query: { per_page: 100 } } })) {
        expectTypeOf(page.data).toEqualTypeOf<ProjectUser[]>();
      }
    };
  });
});

describe("inbox embeds", () => {
  test("/inbox_embeds yields InboxEmbed", () => {
    expectTypeOf<Accepts<"/inbox_embeds">>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, "/inbox_embeds">>().toEqualTypeOf<InboxEmbed>();
    () => {
      const items = paginate(kapso, "/inbox_embeds", { params: { query: { status: "active" } } });
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<InboxEmbed, void, undefined>>();
      // @ts-expect-error status is active or revoked
      paginate(kapso, "/inbox_embeds", { params: { query: { status: "paused" } } });
    };
  });
});

describe("WhatsApp funding", () => {
  test("a portfolio's accounts yield WhatsappFunding, by cursor", () => {
    const path = "/whatsapp/portfolios/{portfolio_id}/accounts";
    expectTypeOf<Accepts<typeof path>>().toEqualTypeOf<true>();
    expectTypeOf<PaginatedItem<paths, typeof path>>().toEqualTypeOf<WhatsappFunding>();
    expectTypeOf<PaginationStyleOf<paths, typeof path>>().toEqualTypeOf<"cursor">();
    () => {
      const items = paginate(
        kapso,
        path,
        { params: { path: { portfolio_id }, query: { limit: 100 } } },
        { direction: "before", maxPages: 10 },
      );
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<WhatsappFunding, void, undefined>>();
    };
  });

  test("the funding and usage reads are not lists", () => {
    expectTypeOf<Accepts<"/whatsapp/accounts/{waba_id}/funding">>().toEqualTypeOf<false>();
    expectTypeOf<Accepts<"/whatsapp/accounts/{waba_id}/usage">>().toEqualTypeOf<false>();
    () => {
      // @ts-expect-error usage has no `data: []`
      paginate(kapso, "/whatsapp/portfolios/{portfolio_id}/usage", {
        params: {
          path: { portfolio_id },
          query: { start_time: "2026-11-01T00:00:00Z", end_time: "2026-11-02T00:00:00Z" },
        },
      });
    };
  });
});

describe("contact marketing preferences", () => {
  test("the list has no paging or meta, so it is refused", () => {
    expectTypeOf<Accepts<"/whatsapp/contacts/{identifier}/marketing_preferences">>().toEqualTypeOf<false>();
    () => {
      // @ts-expect-error the preferences come in one response, without paging or meta
      paginate(kapso, "/whatsapp/contacts/{identifier}/marketing_preferences", {
        params: { path: { identifier: "15551234567" } },
      });
    };
  });
});
