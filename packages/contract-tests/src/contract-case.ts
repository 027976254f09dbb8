/**
 * One contract case: a call of one operation through @kapso/client against the mock, with the status
 * expected back. Every file in `src/cases/` exports `cases: ContractCase[]`; the suite collects them
 * all and fails, naming the operation, when an operation of the spec has no success case.
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
  };
  /** JSON request body, sent as is. */
  body?: unknown;
  /** Selects a named example (`Prefer: example=<name>`) or a status (`Prefer: code=<status>`) from the mock. */
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

/** One case per documented error status of an operation, each picked with `Prefer: code=<status>`. */
export function errorCases(
  operationId: string,
  codes: number[],
  request: Partial<ContractCase> = {},
): ContractCase[] {
  return codes.map((code) => ({ operationId, ...request, prefer: { code }, status: code }));
}
