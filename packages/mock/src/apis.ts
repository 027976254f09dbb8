// Where the mock serves each API. The Platform API is at the root of the mock's URL, as it always
// was. The WhatsApp API keeps the path of Kapso's own URL (https://api.kapso.ai/meta/whatsapp/v24.0),
// so one port serves both and a client that derives the media download's URL from its base URL
// (https://api.kapso.ai/meta/whatsapp/media_download, without the version) reaches the mock too.

/** Path of the WhatsApp API's base URL on the mock, as on Kapso's server. */
export const WHATSAPP_BASE_PATH = "/meta/whatsapp/v24.0";

/**
 * The WhatsApp API's path prefixes, the most specific first: every operation under the versioned
 * base path, and the media download beside it, without the version.
 */
export const WHATSAPP_MOUNT: ReadonlyArray<{
  readonly prefix: string;
  readonly paths?: readonly string[];
  readonly elsewhere?: Readonly<Record<string, string>>;
}> = [
  // Under the versioned path the media download would reach Prism's `/media_download` as well; a
  // client sending it there fails against Kapso, so the mock refuses it too, saying where it is.
  { prefix: WHATSAPP_BASE_PATH, elsewhere: { "/media_download": "/meta/whatsapp/media_download" } },
  { prefix: "/meta/whatsapp", paths: ["/media_download"] },
];
