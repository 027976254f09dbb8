import { KapsoConfigError } from "./errors.js";

/** `new URL(value)`, or undefined when `value` is not an absolute URL. */
export function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Path of a URL, without origin or query string (which may carry identifiers worth keeping out of logs). */
export function pathOf(url: string): string {
  return safeUrl(url)?.pathname ?? (url.split("?")[0] as string);
}

/** A URL as a message may quote it: credentials, query and fragment can hold secrets, so they are left out. */
function shownUrl(value: string, url: URL | undefined): string {
  if (url) return JSON.stringify(`${url.protocol}//${url.host}${url.pathname}`);
  return /[?#@]/.test(value) ? "(not quoted: it may hold credentials)" : JSON.stringify(value);
}

const LOOPBACK_HOST = /^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/;

/** Validates a base URL and strips trailing slashes; throws `KapsoConfigError` when it cannot be used safely. */
export function normalizeBaseUrl(baseUrl: string, allowInsecureHttp?: boolean): string {
  const url = safeUrl(baseUrl);
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
  if (problem || !url) throw new KapsoConfigError(`baseUrl ${shownUrl(baseUrl, url)} ${problem}`);
  return url.href.replace(/\/+$/, "");
}
