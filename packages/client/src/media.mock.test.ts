// End to end against the mock's Meta proxy (Prism serving the shipped proxy document): a text and an
// image message, an upload from bytes, a download through the download_url the example gives.
import { type KapsoMock, startKapsoMock } from "@kapso/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadMedia, uploadMedia } from "./media.js";
import { unwrap } from "./unwrap.js";
import { createKapsoWhatsAppClient } from "./whatsapp.js";

const PHONE = "197211286875";
let mock: KapsoMock;
beforeAll(async () => {
  mock = await startKapsoMock({ apis: ["whatsapp"] });
}, 60_000);
afterAll(() => mock?.close());

const wa = () =>
  createKapsoWhatsAppClient({ apiKey: "kapso_mock_key", baseUrl: mock.whatsappUrl, maxRetries: 0 });

describe("the proxy client against the mock", () => {
  it("sends a text and an image message", async () => {
    const path = { phone_number_id: PHONE };
    const text = await unwrap(
      wa().POST("/{phone_number_id}/messages", {
        params: { path },
        body: { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } },
      }),
    );
    expect(text.messages?.[0]?.id).toMatch(/^wamid\./);
    const image = await unwrap(
      wa().POST("/{phone_number_id}/messages", {
        params: { path },
        body: {
          messaging_product: "whatsapp",
          to: "15551234567",
          type: "image",
          image: { id: "4558427620926891" },
        },
      }),
    );
    expect(image.messages?.[0]?.id).toMatch(/^wamid\./);
  });

  it("uploads a file and downloads one", async () => {
    const uploaded = await uploadMedia(wa(), {
      phoneNumberId: PHONE,
      file: new TextEncoder().encode("jpeg bytes"),
      type: "image/jpeg",
      filename: "storefront.jpg",
    });
    expect(uploaded.id).toEqual(expect.any(String));
    // `/{media_id}` shares its URL template with a phone number and a Flow: the example name picks
    // the media file's answer.
    const client = wa();
    client.use({
      onRequest({ request, schemaPath }) {
        if (schemaPath === "/{media_id}") request.headers.set("Prefer", "example=get_media_url");
      },
    });
    const media = await downloadMedia(client, "2551653646313604", { phoneNumberId: PHONE });
    expect(media.data).toBeInstanceOf(Uint8Array);
    expect(media.data.byteLength).toBeGreaterThan(0);
    expect(media.mimeType).toEqual(expect.any(String));
  });
});
