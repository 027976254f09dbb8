/**
 * One hand-written contract case: a call of one operation through @kapso/client against the mock,
 * with the status expected back. Every file in `src/cases/` exports `cases: ContractCase[]`. Each
 * case shows something the generated requests (requests.ts) do not: a named success example
 * returned as is, a request the spec forbids and the message the client's error carries, a call
 * without the API key. A case that only picks a status with `Prefer: code=` tests the mock, not the
 * client: coverage.test.ts refuses one that names neither an example nor the message it expects.
 *
 * A file may also export `skippedExamples: SkippedExamples`: named success examples that no case
 * requests on purpose, each with the reason. Every other named success example of an operation must
 * be requested by some case (`prefer.example`), so an example nobody ever sees fails the suite.
 */
export interface ContractCase {
  /** operationId from the spec. */
  operationId: string;
  /** What the case shows, for the test name. Defaults to the expected status and example. */
  title?: string;
  params?: {
    path?: Record<string, string>;
    query?: Record<string, unknown>;
    /** Header parameters the operation declares (the client's own headers are added regardless). */
    header?: Record<string, string>;
  };
  /** JSON request body, sent as is. */
  body?: unknown;
  /**
   * `example` selects a named example from the mock (`Prefer: example=<name>`), `code` a documented
   * status (`Prefer: code=<status>`): a success status other than the first, or an error status whose
   * message the case checks with `messageIncludes`.
   */
  prefer?: { example?: string; code?: number };
  /** Expected HTTP status; the body is validated against the spec's schema for that status. */
  status: number;
  /** Send the request without `X-API-Key` (the client always adds one; it is removed on the way out). */
  withoutApiKey?: boolean;
  /** For an error status: text the `KapsoApiError` message must contain. */
  messageIncludes?: string;
}

/** operationId → example name → why no case requests that named success example. */
export type SkippedExamples = Record<string, Record<string, string>>;
