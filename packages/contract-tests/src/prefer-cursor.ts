import type { Middleware } from "./harness.js";

/**
 * Lets a pagination walk follow the mock's chain of named examples. In the spec, each cursor page's
 * cursors are the Base64 of the name of the example holding the adjacent page, and Prism serves
 * whatever example `Prefer: example=<name>` names; decoding the cursor into that header turns static
 * examples into a list that can be walked to its end. Page-number lists have no cursor: `pages`
 * maps a `page` number to the example showing that page. `first` picks the page a walk starts on.
 */
export function preferCursorMiddleware(
  first: string,
  pages: ReadonlyMap<number, string> = new Map(),
): Middleware & { requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    onRequest({ request }) {
      const query = new URL(request.url).searchParams;
      const cursor = query.get("after") ?? query.get("before");
      const page = query.get("page");
      let example = first;
      if (cursor) example = Buffer.from(cursor, "base64").toString("utf8");
      else if (page !== null) example = pages.get(Number(page)) ?? `no example shows page ${page}`;
      requests.push(example);
      request.headers.set("Prefer", `example=${example}`);
      return request;
    },
  };
}
