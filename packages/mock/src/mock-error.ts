/** The mock could not start (bad spec, port taken, Prism failed or was too slow), or Prism died. */
export class KapsoMockError extends Error {
  /** Always `"KapsoMockError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoMockError";
}
