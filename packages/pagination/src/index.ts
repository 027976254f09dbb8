export { KapsoPaginationError } from "./errors.js";
export { collect, paginate, paginatePages } from "./paginate.js";
export type {
  CollectOptions,
  CursorPaging,
  Page,
  PageMeta,
  PaginatablePath,
  PaginatedItem,
  PaginatedPage,
  PaginateInit,
  PaginateOptions,
  PaginationClient,
  PaginationStyle,
  PaginationStyleOf,
} from "./types.js";
