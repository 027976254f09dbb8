export { KapsoPaginationError } from "./errors.js";
export { collect, paginate, paginatePages } from "./paginate.js";
export type {
  CollectNeedsCap,
  CollectOptions,
  CursorPaging,
  DirectionNeedsCursors,
  LogSearchPagination,
  MediaType,
  NotAPaginatedList,
  Page,
  PageMeta,
  PaginatablePath,
  PaginatedItem,
  PaginatedPage,
  PaginateInit,
  PaginateOptions,
  PaginationClient,
  PaginationFunction,
  PaginationStyle,
  PaginationStyleOf,
  SignalInOptions,
} from "./types.js";
