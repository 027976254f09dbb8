import { KapsoConfigError } from "./errors.js";

// Each check throws `KapsoConfigError` naming the option, what it must be and the value it got, e.g.
// "maxRetries must be a non-negative integer, got 1.5". Strings are quoted so that "5000" and 5000
// read differently.
function refuse(name: string, expected: string, value: unknown): never {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new KapsoConfigError(`${name} must be ${expected}, got ${shown}`);
}

export function checkPositiveNumber(name: string, value: unknown): void {
  if (!(typeof value === "number" && value > 0)) refuse(name, "a positive number", value);
}

export function checkNonNegativeNumber(name: string, value: unknown): void {
  if (!(typeof value === "number" && value >= 0)) refuse(name, "a non-negative number", value);
}

export function checkNonNegativeInteger(name: string, value: unknown): void {
  if (!(Number.isInteger(value) && (value as number) >= 0)) refuse(name, "a non-negative integer", value);
}

export function checkOneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) refuse(name, `one of ${allowed.join(", ")}`, value);
}

/** `maxConcurrency`: a positive integer, or `Infinity` for no limit. */
export function checkMaxConcurrency(value: unknown): void {
  if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && (value as number) > 0))) {
    refuse("maxConcurrency", "a positive integer or Infinity", value);
  }
}
