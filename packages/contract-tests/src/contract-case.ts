/**
 * One contract case: a call of one operation through @kapso/client against the mock, with the status
 * expected back. Every file in `src/cases/` exports `cases: ContractCase[]`; the suite collects them
 * all and fails, naming the operation, when an operation of the spec has no success case.
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
}
