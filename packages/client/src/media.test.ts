import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import type { paths as WhatsAppPaths } from "@kapso/types/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKapsoClientWithTiming } from "./client.js";
import { KapsoApiError, KapsoConfigError, KapsoResponseError } from "./errors.js";
import { downloadMedia, mediaDownloadBase, uploadMedia } from "./media.js";
import { KEY, rejection } from "./test-setup.js";
import { DEFAULT_WHATSAPP_BASE_URL } from "./whatsapp.js";

const PHONE = "197211286875";
const MEDIA = "2551653646313604";
let server: LoopbackServer;
let dir: string;
beforeAll(async () => {
  server = await startLoopbackServer();
  dir = await mkdtemp(join(tmpdir(), "kapso-media-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function wa(baseUrl = `${server.origin}/meta/whatsapp/v24.0`) {
  return createKapsoClientWithTiming<WhatsAppPaths>(
    { apiKey: KEY, baseUrl },
    { sleep: async (_ms, signal) => signal?.throwIfAborted(), random: () => 0 },
    DEFAULT_WHATSAPP_BASE_URL,
  );
}

describe("uploadMedia", () => {
  const answer = () => server.handle((_req, res) => json(res, 200, { id: "4558427620926891" }));

  it.each([
    ["a Blob", () => new Blob(["jpeg bytes"], { type: "image/jpeg" }), {}],
    ["a Uint8Array", () => new TextEncoder().encode("jpeg bytes"), { type: "image/jpeg" }],
    ["an ArrayBuffer", () => new TextEncoder().encode("jpeg bytes").buffer, { type: "image/jpeg" }],
  ] as const)(
    "sends %s as multipart/form-data with messaging_product=whatsapp",
    async (_name, file, extra) => {
      answer();
      const result = await uploadMedia(wa(), {
        phoneNumberId: PHONE,
        file: file(),
        filename: "shop.jpg",
        ...extra,
      });
      expect(result).toEqual({ id: "4558427620926891" });
      const [request] = server.requests;
      expect(request?.method).toBe("POST");
      expect(request?.path).toBe(`/meta/whatsapp/v24.0/${PHONE}/media`);
      expect(request?.headers["x-api-key"]).toBe(KEY);
      expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(request?.body).toMatch(/name="messaging_product"\r\n\r\nwhatsapp\r\n/);
      expect(request?.body).toMatch(
        /name="file"; filename="shop.jpg"\r\nContent-Type: image\/jpeg\r\n\r\njpeg bytes\r\n/,
      );
    },
  );

  it("reads a file path only when the upload starts, and names the part after it", async () => {
    const path = join(dir, "voice-note.ogg");
    await writeFile(path, "ogg bytes");
    answer();
    await uploadMedia(wa(), { phoneNumberId: PHONE, file: path, type: "audio/ogg" });
    expect(server.requests[0]?.body).toMatch(
      /name="file"; filename="voice-note.ogg"\r\nContent-Type: audio\/ogg\r\n\r\nogg bytes\r\n/,
    );
  });

  it("refuses bytes without a MIME type, and files of no known kind, before sending", async () => {
    answer();
    const noType = await rejection(uploadMedia(wa(), { phoneNumberId: PHONE, file: new Uint8Array([1]) }));
    expect(noType).toBeInstanceOf(KapsoConfigError);
    expect(noType.message).toContain("pass type");
    const notAFile = await rejection(
      uploadMedia(wa(), { phoneNumberId: PHONE, file: 42 as unknown as Blob }),
    );
    expect(notAFile.message).toContain("file must be a Blob");
    expect(server.requests).toHaveLength(0);
  });

  it("throws KapsoApiError on a refused upload, and does not send it again after a 5xx", async () => {
    server.handle((_req, res) =>
      json(res, 500, { error: { message: "Upload failed", type: "OAuthException", code: 1 } }),
    );
    const error = await rejection(
      uploadMedia(wa(), { phoneNumberId: PHONE, file: new Blob(["x"], { type: "image/png" }) }),
    );
    expect(error).toBeInstanceOf(KapsoApiError);
    expect((error as KapsoApiError).code).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe("downloadMedia", () => {
  const file = new TextEncoder().encode("0123456789".repeat(100));
  /** The proxy: media facts whose download_url names `downloadHost`, and the file at /media_download. */
  function serve(downloadHost = "https://api.kapso.ai", facts: Record<string, unknown> = {}) {
    server.handle((req, res) => {
      if (req.path === `/meta/whatsapp/v24.0/${MEDIA}`) {
        json(res, 200, {
          messaging_product: "whatsapp",
          id: MEDIA,
          url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
          mime_type: "image/jpeg",
          sha256: "abc",
          file_size: String(file.length),
          download_url: `${downloadHost}/meta/whatsapp/media_download?token=tok_1`,
          ...facts,
        });
      } else if (req.path === "/meta/whatsapp/media_download" && req.query.get("token") === "tok_1") {
        res.writeHead(200, { "content-type": "image/jpeg" }).end(file);
      } else {
        res.writeHead(404).end();
      }
    });
  }

  it("reads the facts, then the bytes from /media_download on the client's own origin", async () => {
    serve();
    const media = await downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE });
    expect(media.data).toEqual(file);
    expect(media.mimeType).toBe("image/jpeg");
    expect(media.sha256).toBe("abc");
    expect(server.requests.map((request) => request.url)).toEqual([
      `/meta/whatsapp/v24.0/${MEDIA}?phone_number_id=${PHONE}`,
      "/meta/whatsapp/media_download?token=tok_1",
    ]);
  });

  it("never contacts the host a download_url names: only its token is used", async () => {
    const seen: string[] = [];
    serve("https://attacker.example");
    const client = createKapsoClientWithTiming<WhatsAppPaths>(
      {
        apiKey: KEY,
        baseUrl: `${server.origin}/meta/whatsapp/v24.0`,
        fetch: (request, init) => {
          seen.push(new URL(request.url).origin);
          return fetch(request, init);
        },
      },
      { sleep: async () => {}, random: () => 0 },
    );
    await downloadMedia(client, MEDIA, { phoneNumberId: PHONE });
    expect(seen).toEqual([server.origin, server.origin]);
  });

  it("streams the file", async () => {
    serve();
    const media = await downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE, as: "stream" });
    expect(new Uint8Array(await new Response(media.data).arrayBuffer())).toEqual(file);
  });

  it("refuses a file over maxBytes before downloading when the facts say its size", async () => {
    serve();
    const error = await rejection(downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE, maxBytes: 999 }));
    expect(error).toBeInstanceOf(KapsoResponseError);
    expect(error.message).toContain("larger than maxBytes (999 bytes)");
    expect(server.requests).toHaveLength(1);
  });

  it("stops a download that passes maxBytes, as bytes and as a stream", async () => {
    serve(undefined, { file_size: undefined });
    const error = await rejection(downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE, maxBytes: 999 }));
    expect(error).toBeInstanceOf(KapsoResponseError);
    const media = await downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE, maxBytes: 999, as: "stream" });
    const streamed = await rejection(new Response(media.data).arrayBuffer());
    expect(String(streamed)).toContain("larger than maxBytes");
  });

  it("does not fetch Meta's url when there is no download_url", async () => {
    serve(undefined, { download_url: undefined });
    const error = await rejection(downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE }));
    expect(error).toBeInstanceOf(KapsoResponseError);
    expect(error.message).toContain("no download_url");
    expect(server.requests).toHaveLength(1);
  });

  it("throws KapsoApiError when the token has expired", async () => {
    serve(undefined, { download_url: "https://api.kapso.ai/meta/whatsapp/media_download?token=expired" });
    const error = await rejection(downloadMedia(wa(), MEDIA, { phoneNumberId: PHONE }));
    expect(error).toBeInstanceOf(KapsoApiError);
    expect((error as KapsoApiError).status).toBe(404);
  });

  it("derives /media_download's base from the client's base URL, on the same origin", () => {
    expect(mediaDownloadBase(wa("https://api.kapso.ai/meta/whatsapp/v24.0"))).toBe(
      "https://api.kapso.ai/meta/whatsapp",
    );
    expect(mediaDownloadBase(wa("http://127.0.0.1:4011"))).toBe("http://127.0.0.1:4011");
    expect(() => mediaDownloadBase({})).toThrow(KapsoConfigError);
  });
});
