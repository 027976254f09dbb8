import { describe, expectTypeOf, it } from "vitest";
import type {
  PhoneNumberWebhookInput,
  ProjectWebhookInput,
  WebhookUpdateInput,
  WhatsappWebhook,
} from "./index.js";

describe("@kapso/types: a webhook's custom headers", () => {
  it("types each header value as any JSON value, as Kapso's document allows, in responses and requests", () => {
    type Headers = { [name: string]: unknown } | null | undefined;
    expectTypeOf<WhatsappWebhook["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<ProjectWebhookInput["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<WebhookUpdateInput["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<PhoneNumberWebhookInput["headers"]>().toEqualTypeOf<Headers>();
  });

  it("accepts a non-string value in a request", () => {
    const input: WebhookUpdateInput = { headers: { "X-Retry": 3, "X-Flags": { beta: true } } };
    expectTypeOf(input).toExtend<WebhookUpdateInput>();
  });
});
