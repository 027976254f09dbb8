// The API key goes to one origin only: the configured base URL's. Everything that could point a
// request elsewhere (a per-request `baseUrl`, a middleware returning another Request) is checked
// here before anything is sent; redirects are checked hop by hop in fetch.ts.
import { KapsoConfigError } from "./errors.js";
import { safeUrl, shownUrl } from "./url.js";

/** `https://host[:port]/`, the prefix every URL of the origin starts with once a URL parser wrote it. */
export function originPrefix(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/`;
}

/** Refuses a per-request `baseUrl` on another origin than the client's. */
export function checkBaseUrlOverride(baseUrl: unknown, prefix: string): void {
  const url = typeof baseUrl === "string" ? safeUrl(baseUrl) : undefined;
  if (url && url.protocol !== "http:" && url.protocol !== "https:") {
    throw new KapsoConfigError(`baseUrl ${shownUrl(String(baseUrl), url)} must use https:`);
  }
  if (!url || `${url.origin}/` !== prefix) {
    throw new KapsoConfigError(
      `baseUrl ${shownUrl(String(baseUrl), url)} is not on ${prefix.slice(0, -1)}; the API key goes only to the client's origin`,
    );
  }
}

/**
 * Refuses to send a request whose URL left the client's origin (a middleware may return any Request).
 * Request URLs are serialized by the URL parser, so a prefix comparison is exact: no user info, and
 * the default port never written.
 */
export function checkRequestOrigin(url: string, prefix: string, method: string): void {
  if (!url.startsWith(prefix)) {
    throw new KapsoConfigError(
      `${method} request to ${shownUrl(url)} refused: the API key goes only to ${prefix.slice(0, -1)}`,
    );
  }
}
