// Shared by the hostile-server tests: the paginator without its path types.
import { collect as typedCollect, paginate as typedPaginate } from "./index.js";

// Untyped: these paths are not in the spec, and the pages are hostile on purpose.
export const collect = typedCollect as unknown as (
  client: unknown,
  path: string,
  init?: unknown,
  options?: unknown,
) => Promise<unknown[]>;
export const paginate = typedPaginate as unknown as (
  client: unknown,
  path: string,
  init?: unknown,
  options?: unknown,
) => AsyncGenerator<unknown>;
