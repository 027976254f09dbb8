/**
 * A problem with the input rather than with the generator: an unreadable or malformed spec, a spec
 * that is not Kapso-shaped, a bad command-line flag. The CLI prints its message alone, without a
 * stack trace, and exits with status 2.
 */
export class CodegenError extends Error {
  /** Always `"CodegenError"`, so logs name the error even where the class is not at hand. */
  override name = "CodegenError";
}
