import { KapsoConfigError, type KapsoError } from "./errors.js";

/**
 * Throws unless `value` is a number that is positive (or, with `positive` false, at least 0), and whole
 * when `integer` is set. The client and the paginator both check their options with it, so a bad value
 * is reported the same way everywhere: "maxRetries must be a non-negative integer, got 1.5".
 *
 * @internal Exported for `@kapso/pagination`; not part of the public API.
 */
export function checkNumberOption(
  name: string,
  value: unknown,
  positive: boolean,
  integer: boolean,
  ErrorType: new (message: string) => KapsoError = KapsoConfigError,
): void {
  if (
    typeof value !== "number" ||
    !(positive ? value > 0 : value >= 0) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ErrorType(
      `${name} must be a ${positive ? "positive" : "non-negative"} ${integer ? "integer" : "number"}, got ${
        typeof value === "string" ? JSON.stringify(value) : String(value)
      }`,
    );
  }
}
