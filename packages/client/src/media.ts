// Media files of Kapso's Meta proxy: upload as multipart/form-data, download through Kapso's
// `/media_download` route. Both go through the client, so the key, origin rule, timeouts, retry
// policy and rate limits of every other call apply.

// The client by its package name: this entry is bundled on its own with `@kapso/client` left
// external, so the error classes it throws are the very ones `@kapso/client` exports.
import {
  KapsoApiError,
  KapsoConfigError,
  KapsoResponseError,
  type KapsoWhatsAppClient,
  unwrap,
} from "@kapso/client";
import type { GetMediaUrlResponse, UploadMediaResponse } from "@kapso/types/whatsapp";
import { BASE_URL_KEY } from "./base-url-key.js";
import { safeUrl } from "./url.js";

/** The default `maxBytes` of `downloadMedia`: 100 MB, WhatsApp's largest media file (a document). */
export const DEFAULT_MAX_MEDIA_BYTES = 100 * 1024 * 1024;

const NODE_FS = "node:fs/promises";

/** A file to upload: a Blob (or File), its bytes, or (in Node, Bun and Deno) the path of a file to read. */
export type MediaFile = Blob | Uint8Array | ArrayBuffer | string;

/** What `uploadMedia` sends. */
export interface UploadMediaOptions {
  /** Meta's id of the WhatsApp business phone number the file is for. */
  phoneNumberId: string;
  /** The file. A path is read when the upload starts, through `node:fs/promises`. */
  file: MediaFile;
  /**
   * The file's MIME type, e.g. `"image/jpeg"`: WhatsApp decides the kind of media by it. Default: the
   * Blob's own type; bytes and paths need it.
   */
  type?: string;
  /** The file name sent with the part. Default: a File's name, a path's last segment, else `"blob"`. */
  filename?: string;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/**
 * Uploads a media file for a phone number (`POST /{phone_number_id}/media`, multipart/form-data with
 * `messaging_product=whatsapp`) and returns `{ id }`, the media id to send in a message. A failed
 * upload throws `KapsoApiError`; like every POST, it is not sent again after a 5xx or a timeout.
 *
 * @example
 * ```ts
 * import { createKapsoWhatsAppClient } from "@kapso/client";
 * import { uploadMedia } from "@kapso/client/media";
 *
 * const wa = createKapsoWhatsAppClient();
 * const { id } = await uploadMedia(wa, {
 *   phoneNumberId: "197211286875",
 *   file: "./media/storefront.jpg",
 *   type: "image/jpeg",
 * });
 * ```
 */
export async function uploadMedia(
  wa: KapsoWhatsAppClient,
  options: UploadMediaOptions,
): Promise<UploadMediaResponse> {
  const { phoneNumberId, file, filename, signal } = options;
  const blob = await toBlob(file, options.type);
  const form = new FormData();
  form.append("messaging_product", "whatsapp");
  // Without a name, a File keeps its own and a Blob is called "blob".
  form.append("file", blob, filename ?? (typeof file === "string" ? file.split(/[\\/]/).pop() : undefined));
  return unwrap(
    wa.POST("/{phone_number_id}/media", {
      params: { path: { phone_number_id: phoneNumberId } },
      // The spec's body type describes the form's fields; openapi-fetch sends FormData as it is.
      body: form as unknown as { file: string; messaging_product: "whatsapp" },
      ...(signal && { signal }),
    }),
    { method: "POST" },
  );
}

async function toBlob(file: MediaFile, type: string | undefined): Promise<Blob> {
  let blob: Blob;
  if (file instanceof Blob) {
    blob = type === undefined || type === file.type ? file : file.slice(0, file.size, type);
  } else if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    blob = new Blob([file as BlobPart], { type: type ?? "" });
  } else if (typeof file === "string" && file !== "") {
    // Loaded only here, so runtimes without node:fs never load it; the specifier is a constant rather
    // than a literal so that a bundler building for the browser leaves it alone instead of failing on it.
    const { readFile } = (await import(
      /* webpackIgnore: true */ /* @vite-ignore */ NODE_FS
    )) as typeof import("node:fs/promises");
    blob = new Blob([await readFile(file)], { type: type ?? "" });
  } else {
    throw new KapsoConfigError("file must be a Blob, a Uint8Array, an ArrayBuffer or the path of a file");
  }
  if (!blob.type) {
    throw new KapsoConfigError(
      'uploadMedia needs the file\'s MIME type: pass type, e.g. "image/jpeg" (WhatsApp decides the kind of media by it)',
    );
  }
  return blob;
}

/** What `downloadMedia` needs besides the media id. */
export interface DownloadMediaOptions {
  /** Meta's id of the phone number that owns the file. */
  phoneNumberId: string;
  /** A file larger than this many bytes fails with `KapsoResponseError`. Default: 100 MB. */
  maxBytes?: number;
  /** `"bytes"` (default): the whole file in memory. `"stream"`: a stream of it, checked as it flows. */
  as?: "bytes" | "stream";
  /** Aborts both requests, and the stream while it is read. */
  signal?: AbortSignal;
}

/** A downloaded media file: its content and what the proxy said of it. */
export interface DownloadedMedia<Data> {
  /** The file's bytes, or a stream of them. */
  data: Data;
  /** The file's MIME type, from the media's facts (else the download's `content-type`). */
  mimeType: string | undefined;
  /** The SHA-256 hash the proxy gave for the file, to check the bytes against. */
  sha256: string | undefined;
}

/**
 * Downloads a media file: reads its facts (`GET /{media_id}`), then fetches the bytes from Kapso's
 * `download_url` (`GET /media_download?token=...`). Only the token of `download_url` is used: the
 * download goes to the client's own origin (the base URL without its version segment), so the API
 * key never travels anywhere the client would not send it, and a mock's file comes from the mock.
 * Meta's own `url` (on Meta's CDN, needing Meta's authorisation) is never fetched.
 *
 * A file larger than `maxBytes` fails with `KapsoResponseError`: before the download when the
 * facts or the `content-length` say so, else as soon as the bytes pass the limit (the stream errors).
 *
 * @example
 * ```ts
 * import { createKapsoWhatsAppClient } from "@kapso/client";
 * import { downloadMedia } from "@kapso/client/media";
 *
 * const wa = createKapsoWhatsAppClient();
 * const image = await downloadMedia(wa, "2551653646313604", { phoneNumberId: "197211286875" });
 * console.log(image.mimeType, image.data.byteLength);
 * ```
 */
export function downloadMedia(
  wa: KapsoWhatsAppClient,
  mediaId: string,
  options: DownloadMediaOptions & { as: "stream" },
): Promise<DownloadedMedia<ReadableStream<Uint8Array>>>;
export function downloadMedia(
  wa: KapsoWhatsAppClient,
  mediaId: string,
  options: DownloadMediaOptions & { as?: "bytes" },
): Promise<DownloadedMedia<Uint8Array>>;
export async function downloadMedia(
  wa: KapsoWhatsAppClient,
  mediaId: string,
  options: DownloadMediaOptions,
): Promise<DownloadedMedia<Uint8Array | ReadableStream<Uint8Array>>> {
  const { phoneNumberId, maxBytes = DEFAULT_MAX_MEDIA_BYTES, as = "bytes", signal } = options;
  if (!(typeof maxBytes === "number" && maxBytes > 0)) {
    throw new KapsoConfigError(`maxBytes must be a positive number, got ${String(maxBytes)}`);
  }
  if (as !== "bytes" && as !== "stream") {
    throw new KapsoConfigError(`as must be "bytes" or "stream", got ${JSON.stringify(as)}`);
  }
  const base = mediaDownloadBase(wa);
  const facts: GetMediaUrlResponse = await unwrap(
    wa.GET("/{media_id}", {
      params: { path: { media_id: mediaId }, query: { phone_number_id: phoneNumberId } },
      ...(signal && { signal }),
    }),
    { method: "GET" },
  );
  const path = `${new URL(base).pathname.replace(/\/$/, "")}/media_download`;
  const tooLarge = (status: number, contentType: string | null | undefined) =>
    new KapsoResponseError({
      problem: `the media file is larger than maxBytes (${maxBytes} bytes)`,
      status,
      contentType,
      method: "GET",
      path,
    });
  if (Number(facts.file_size) > maxBytes) throw tooLarge(200, facts.mime_type);
  const token = tokenOf(facts.download_url);
  if (!token) {
    throw new KapsoResponseError({
      problem:
        "the media file has no download_url with a token (Meta's url needs Meta's authorisation and is not fetched)",
      status: 200,
      method: "GET",
      path: `/${mediaId}`,
    });
  }
  const result = await wa.GET("/media_download", {
    baseUrl: base,
    params: { query: { token } },
    parseAs: "stream",
    ...(signal && { signal }),
  });
  const { response } = result;
  if (!response.ok) throw KapsoApiError.fromResult(result, { method: "GET" });
  const contentType = response.headers.get("content-type");
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  if (Number(response.headers.get("content-length")) > maxBytes) {
    await body.cancel().catch(() => {});
    throw tooLarge(response.status, contentType);
  }
  const capped = capStream(body, maxBytes, () => tooLarge(response.status, contentType));
  return {
    data: as === "stream" ? capped : new Uint8Array(await new Response(capped).arrayBuffer()),
    mimeType: facts.mime_type ?? contentType ?? undefined,
    sha256: facts.sha256,
  };
}

/**
 * Where `/media_download` is for this client: its base URL without the trailing API version
 * (`https://api.kapso.ai/meta/whatsapp/v24.0` → `https://api.kapso.ai/meta/whatsapp`), or the base URL
 * itself when it has no version segment (a mock serving the proxy at its root). Same origin, always.
 */
export function mediaDownloadBase(wa: object): string {
  const baseUrl = (wa as { [BASE_URL_KEY]?: string })[BASE_URL_KEY];
  if (typeof baseUrl !== "string") {
    throw new KapsoConfigError("media helpers need a client made by createKapsoWhatsAppClient()");
  }
  return baseUrl.replace(/\/v\d+(\.\d+)*$/, "");
}

/** The token of a Kapso `download_url`; undefined unless it is a `/media_download` URL with one. */
function tokenOf(downloadUrl: string | undefined): string | undefined {
  const url = downloadUrl === undefined ? undefined : safeUrl(downloadUrl);
  if (!url?.pathname.endsWith("/media_download")) return undefined;
  return url.searchParams.get("token") || undefined;
}

function capStream(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        // Erroring the transform cancels the download: nothing past the limit is read.
        if (size > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}
