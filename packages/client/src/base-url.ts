import { KapsoConfigError } from "./errors.js";
import { safeUrl, shownUrl } from "./url.js";

const LOOPBACK_HOST = /^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/;

/** Validates a base URL and strips trailing slashes; throws `KapsoConfigError` when it cannot be used safely. */
export function normalizeBaseUrl(baseUrl: string, allowInsecureHttp?: boolean): string {
  const url = typeof baseUrl === "string" ? safeUrl(baseUrl) : undefined;
  let problem: string | undefined;
  if (!url) {
    problem = "is not an absolute URL";
  } else if (url.protocol !== "https:" && url.protocol !== "http:") {
    problem = "must use https:";
  } else if (url.search || url.hash || url.username || url.password) {
    problem = "must not have a query string, a fragment or credentials";
  } else if (url.protocol === "http:" && !allowInsecureHttp && !LOOPBACK_HOST.test(url.hostname)) {
    problem =
      "uses plain http:, which exposes the API key; use https:, a loopback host or allowInsecureHttp: true";
  }
  if (problem || !url) throw new KapsoConfigError(`baseUrl ${shownUrl(String(baseUrl), url)} ${problem}`);
  return url.href.replace(/\/+$/, "");
}
