import { KapsoApiError, type KapsoErrorContext } from "./errors.js";

/** The `data` of an openapi-fetch result's success branch (`undefined` for a 204). */
export type UnwrappedData<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits an openapi-fetch call and returns its `data`, or throws `KapsoApiError` for a non-2xx response.
 * Transport failures (`KapsoConnectionError`, `KapsoTimeoutError`) are thrown by the call itself.
 * `request` names the method (when the result does not carry it) and adds context to the message.
 *
 * @example
 * ```ts
 * import { createKapsoClient, KapsoApiError, unwrap } from "@kapso/client";
 *
 * const kapso = createKapsoClient();
 * try {
 *   const workflows = await unwrap(kapso.GET("/workflows"));
 *   console.log(workflows.data.length);
 * } catch (error) {
 *   if (error instanceof KapsoApiError) console.error(error.status, error.code, error.requestId);
 *   throw error;
 * }
 * ```
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  result: PromiseLike<R> | R,
  request?: { method?: string; context?: KapsoErrorContext },
): Promise<UnwrappedData<R>> {
  const settled = await result;
  // `response.ok` rather than `error`: openapi-fetch reports an empty error body as `error: undefined`.
  if (settled.response.ok) return settled.data as UnwrappedData<R>;
  throw KapsoApiError.fromResult(settled, request);
}
