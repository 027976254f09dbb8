import { KapsoError, type KapsoErrorContext } from "@kapso/client";

/**
 * A list walk stopped because continuing could not be correct: options that make no sense, a
 * response that is not a page, or a server that would send the walk round in circles.
 */
export class KapsoPaginationError extends KapsoError {
  override name = "KapsoPaginationError";
  /** Where the walk was: `page` is the 0-based index of the page in this walk, `cursor` what was sent for it. */
  declare readonly context: KapsoErrorContext | undefined;

  constructor(message: string, context?: KapsoErrorContext) {
    super(message);
    this.context = context;
  }
}
