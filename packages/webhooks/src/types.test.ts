import type {
  WebhookPayloadsV1,
  WebhookPayloadsV2,
  WhatsappConfigCreatedPayloadV1,
  WhatsappMessageReceivedPayload,
  WhatsappMessageReceivedPayloadV1,
  WhatsappMessageReceivedWebhookBody,
  WhatsappPhoneNumberCreatedPayload,
  WorkflowExecutionHandoffPayload,
} from "@kapso/types";
import { describe, expectTypeOf, it } from "vitest";
import {
  createWebhookHandler,
  type KAPSO_WEBHOOK_EVENTS,
  type KapsoWebhookDelivery,
  type KapsoWebhookEventName,
} from "./index.js";

describe("payload types from the spec", () => {
  it("lists exactly the spec's events at run time, per payload version", () => {
    expectTypeOf<(typeof KAPSO_WEBHOOK_EVENTS.v2)[number]>().toEqualTypeOf<keyof WebhookPayloadsV2>();
    expectTypeOf<(typeof KAPSO_WEBHOOK_EVENTS.v1)[number]>().toEqualTypeOf<keyof WebhookPayloadsV1>();
    expectTypeOf<KapsoWebhookEventName<"v2">>().toEqualTypeOf<keyof WebhookPayloadsV2>();
  });

  it("types each event's payload with a named alias in @kapso/types", () => {
    expectTypeOf<WhatsappMessageReceivedPayload["message"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<WhatsappMessageReceivedPayload["phone_number_id"]>().toEqualTypeOf<string>();
    expectTypeOf<WhatsappMessageReceivedPayloadV1["whatsapp_config"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<WhatsappPhoneNumberCreatedPayload["project"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<WorkflowExecutionHandoffPayload["event"]>().toEqualTypeOf<
      "workflow.execution.handoff" | "workflow.execution.failed"
    >();
    expectTypeOf<WhatsappConfigCreatedPayloadV1>().toEqualTypeOf<
      WebhookPayloadsV1["whatsapp.config.created"]
    >();
  });

  it("types the request body of a delivery as the payload of either version or a batch", () => {
    type Batch = Extract<WhatsappMessageReceivedWebhookBody, { batch: true }>;
    expectTypeOf<Batch["data"][number]>().toEqualTypeOf<WhatsappMessageReceivedPayload>();
    expectTypeOf<Exclude<WhatsappMessageReceivedWebhookBody, Batch>>().toEqualTypeOf<
      WhatsappMessageReceivedPayload | WhatsappMessageReceivedPayloadV1
    >();
  });
});

describe("createWebhookHandler's handlers", () => {
  it("infers the payload from the event name", () => {
    createWebhookHandler({
      secret: "s",
      on: {
        "whatsapp.message.received": (payload, delivery) => {
          expectTypeOf(payload).toEqualTypeOf<WhatsappMessageReceivedPayload>();
          expectTypeOf(payload.message.id).toEqualTypeOf<string>();
          expectTypeOf(delivery.event).toEqualTypeOf<"whatsapp.message.received">();
          expectTypeOf(delivery.payloadVersion).toEqualTypeOf<"v2">();
        },
        "whatsapp.phone_number.created": (payload) => {
          expectTypeOf(payload).toEqualTypeOf<WhatsappPhoneNumberCreatedPayload>();
        },
      },
    });
  });

  it("types v1 handlers with the v1 payloads", () => {
    createWebhookHandler({
      secret: "s",
      payloadVersion: "v1",
      on: {
        "whatsapp.message.received": (payload) => {
          expectTypeOf(payload).toEqualTypeOf<WhatsappMessageReceivedPayloadV1>();
        },
        "whatsapp.config.created": (payload) => {
          expectTypeOf(payload).toEqualTypeOf<WhatsappConfigCreatedPayloadV1>();
        },
      },
    });
  });

  it("rejects an unknown event name, and an event of the other payload version", () => {
    createWebhookHandler({
      secret: "s",
      on: {
        // @ts-expect-error not an event Kapso sends
        "whatsapp.message.exploded": () => undefined,
      },
    });
    createWebhookHandler({
      secret: "s",
      on: {
        // @ts-expect-error whatsapp.config.created is a v1 event; this handler is v2
        "whatsapp.config.created": () => undefined,
      },
    });
  });
});

describe("KapsoWebhookDelivery", () => {
  it("narrows payloads by event and payload version", () => {
    const narrow = (delivery: KapsoWebhookDelivery) => {
      if (delivery.event === "whatsapp.message.received") {
        expectTypeOf(delivery.payloads).toEqualTypeOf<
          WhatsappMessageReceivedPayload[] | WhatsappMessageReceivedPayloadV1[]
        >();
        if (delivery.payloadVersion === "v2") {
          expectTypeOf(delivery.payloads).toEqualTypeOf<WhatsappMessageReceivedPayload[]>();
        }
      }
      if (delivery.event === "whatsapp.config.created") {
        expectTypeOf(delivery.payloadVersion).toEqualTypeOf<"v1">();
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });
});
