/** The mock could not start (bad spec, port taken, Prism failed or was too slow), or Prism died. */
export class KapsoMockError extends Error {
  override name = "KapsoMockError";
}
