// A way for a server to misbehave: the helper takes the `res` a handler got and ends the connection
// itself. More join it when a test needs them.
import type { ServerResponse } from "node:http";

/** Closes the connection before any byte of a response. */
export function dropBeforeHeaders(res: ServerResponse): void {
  res.socket?.destroy();
}
