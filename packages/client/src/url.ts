// URL helpers with no imports, so that errors.ts can use them without a cycle back to the modules
// that throw those errors.

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
export function shownUrl(value: string, url: URL | undefined = safeUrl(value)): string {
  if (url) return JSON.stringify(`${url.protocol}//${url.host}${url.pathname}`);
  return /[?#@]/.test(value) ? "(not quoted: it may hold credentials)" : JSON.stringify(value);
}
