/**
 * The key of the non-enumerable property that holds a client's normalized base URL. A registered
 * symbol, so that `@kapso/client/media` (its own bundle, importing the client by package name) finds
 * the same key; the property stays off the typed API and out of `util.inspect` and `JSON.stringify`.
 * This module imports nothing, so bundling it into either entry copies a constant and no class.
 */
export const BASE_URL_KEY: unique symbol = Symbol.for("@kapso/client.baseUrl") as never;
