import { describe, expectTypeOf, it } from "vitest";
import type {
  CreateDatabaseRowRequestBody,
  CreateIntegrationConnectTokenResponse,
  DatabaseDeleteResult,
  DatabaseRow,
  DatabaseRowsResult,
  Integration,
  IntegrationAccount,
  IntegrationAccountList,
  IntegrationActionSchema,
  IntegrationConnectToken,
  IntegrationResult,
  ListDatabaseRowsQuery,
  ListIntegrationAccountsQuery,
  ListIntegrationAccountsResponse,
  paths,
  UpsertDatabaseRowsRequestBody,
} from "./index.js";

type ConnectTokenOperation = paths["/integrations/connect_token"]["post"];

describe("@kapso/types: integrations", () => {
  it("lists connected accounts under `accounts`, not `data`", () => {
    expectTypeOf<ListIntegrationAccountsResponse>().toEqualTypeOf<IntegrationAccountList>();
    expectTypeOf<IntegrationAccountList["accounts"]>().toEqualTypeOf<IntegrationAccount[]>();
    expectTypeOf<IntegrationAccountList>().not.toHaveProperty("data");
  });

  it("filters accounts by app_slug or its alias app", () => {
    expectTypeOf<ListIntegrationAccountsQuery["app_slug"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ListIntegrationAccountsQuery["app"]>().toEqualTypeOf<string | undefined>();
  });

  it("types a connected account's documented fields, with a nullable project and avatar", () => {
    expectTypeOf<IntegrationAccount["pipedream_account_id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<IntegrationAccount["healthy"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<IntegrationAccount["project"]>().toEqualTypeOf<
      { [key: string]: unknown } | null | undefined
    >();
    expectTypeOf<NonNullable<IntegrationAccount["user"]>["avatar_url"]>().toEqualTypeOf<
      string | null | undefined
    >();
  });

  it("answers a connect token unwrapped, and takes no required body", () => {
    expectTypeOf<CreateIntegrationConnectTokenResponse>().toEqualTypeOf<IntegrationConnectToken>();
    expectTypeOf<IntegrationConnectToken>().toEqualTypeOf<{ token?: string; expires_at?: string }>();
    expectTypeOf<undefined>().toExtend<ConnectTokenOperation["requestBody"]>();
  });

  it("types an integration with its connected account and a nullable dynamic props id", () => {
    expectTypeOf<Integration["pipedream_account"]>().toEqualTypeOf<IntegrationAccount | undefined>();
    expectTypeOf<Integration["dynamic_props_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Integration["enabled"]>().toEqualTypeOf<boolean | undefined>();
  });

  it("answers an action's schema as an object and prop options as a list, both under data", () => {
    expectTypeOf<IntegrationActionSchema["data"]>().toEqualTypeOf<{ [key: string]: unknown } | undefined>();
    expectTypeOf<IntegrationResult["data"]>().toEqualTypeOf<{ [key: string]: unknown }[] | undefined>();
  });
});

describe("@kapso/types: database rows", () => {
  it("always answers row reads and writes under data", () => {
    expectTypeOf<DatabaseRowsResult["data"]>().toEqualTypeOf<DatabaseRow[]>();
    expectTypeOf<DatabaseDeleteResult["data"]>().toEqualTypeOf<DatabaseRow[] | undefined>();
  });

  it("inserts and upserts one row or an array of rows", () => {
    expectTypeOf<DatabaseRow>().toExtend<CreateDatabaseRowRequestBody>();
    expectTypeOf<DatabaseRow[]>().toExtend<CreateDatabaseRowRequestBody>();
    expectTypeOf<DatabaseRow[]>().toExtend<UpsertDatabaseRowsRequestBody>();
    expectTypeOf<string[]>().not.toExtend<CreateDatabaseRowRequestBody>();
  });

  it("pages rows with limit and offset", () => {
    expectTypeOf<ListDatabaseRowsQuery["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListDatabaseRowsQuery["offset"]>().toEqualTypeOf<number | undefined>();
  });
});
