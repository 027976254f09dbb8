import { KapsoError, type KapsoErrorContext } from "@kapso/client";

/**
 * A list walk stopped because the server answered something it cannot follow: a page that is not a
 * list page, a cursor or page number that comes back (which would send the walk round in circles), or
 * a list whose style changes mid-walk. Options that cannot work are a `KapsoConfigError` instead.
 */
export class KapsoPaginationError extends KapsoError {
  /** Always `"KapsoPaginationError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoPaginationError";
  /**
   * Where the walk was: `pageIndex` is the 0-based index of the page in this walk, and `cursor` or
   * `page` what was (or would have been) sent for it.
   */
  readonly context: KapsoErrorContext | undefined;

  constructor(message: string, context?: KapsoErrorContext) {
    super(message);
    this.context = context;
  }
}
