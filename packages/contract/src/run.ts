import { createKapsoClient, type KapsoClient } from "@kapso/client";
import {
  exampleValue,
  listStyle,
  namedExamples,
  type Operation,
  readOperations,
  responseFor,
  responseSchema,
  VARIANT_PATH_EXTENSION,
} from "@kapso/codegen/spec";
import { KapsoPaginationError, paginatePages } from "@kapso/pagination";
import { politeFetch } from "./rate.js";
import type { Document } from "./spec.js";
import { ResponseValidator, type Violation } from "./validate.js";

/** Where path ids come from: the spec's examples (a mock answers any), or earlier answers (a real API). */
export type IdSource = "examples" | "discover";

/** What {@link runContract} checks, against which API, and how fast it may ask. */
export interface ContractOptions {
  /** The API to check, e.g. a mock's URL or https://api.kapso.ai/platform/v1. */
  baseUrl: string;
  /** Sent as X-API-Key; never printed. */
  apiKey: string;
  /** The document the answers are held to. */
  spec: Document;
  /** Where path ids come from when `params` gives none: `examples` for a mock, `discover` for a real API. */
  ids: IdSource;
  /** At most this many requests a second, retries included; 0 for no cap. */
  rps: number;
  /** Values for path or query parameters by name, used before any example or discovered id. */
  params?: Record<string, string>;
  /** Run only these operationIds (all GET operations when empty). */
  only?: string[];
  /** Limit for one attempt. Default 30 000 ms. */
  timeoutMs?: number;
  /** Where the requests go; default `globalThis.fetch`. */
  fetch?: (input: Request | string, init?: RequestInit) => Promise<Response>;
}

/** Something wrong with one answer. `page` is 1 for the first request, 2 for the followed page. */
export interface Problem {
  /** Which request of the operation it came from: 1 for the first, 2 for the followed page. */
  page: number;
  /** What went wrong, in words: an undocumented or error status, a schema violation, a thrown error. */
  message: string;
  /** The schema rule the body broke; absent when the problem is not a schema violation. */
  violation?: Violation;
}

/** How one GET operation fared: what was asked, what came back and what was wrong with it. */
export interface OperationResult {
  /** The operation's `operationId`, or `"GET <path>"` when the spec gives none. */
  operationId: string;
  /** HTTP method in capitals; always `GET`, the only operations run. */
  method: string;
  /** The spec's path template, with `{placeholders}` rather than the values sent. */
  path: string;
  /** `failed` when any problem was found, `skipped` when a path id could not be found (see `notes`). */
  outcome: "passed" | "failed" | "skipped";
  /** Status of each request made, in order (empty when skipped). */
  statuses: number[];
  /** Everything wrong with the answers, in the order found (empty when passed or skipped). */
  problems: Problem[];
  /** Why the operation was not run, or how its ids were found / why no second page was asked for. */
  notes: string[];
  /** Wall-clock milliseconds the operation took, including any list it ran first to find its ids. */
  durationMs: number;
}

/** What {@link runContract} returns: one result per operation run, for the report functions. */
export interface ContractReport {
  /** The API that was checked, as given in the options. */
  baseUrl: string;
  /** One result per operation run, in the spec's order. */
  results: OperationResult[];
  /** Wall-clock milliseconds of the whole run. */
  durationMs: number;
}

type Result = { data?: unknown; error?: unknown; response: Response };
/** An answer as it came back, before the client or the paginator read it. */
type Answer = { status: number; body: unknown };

/** `paginatePages` over a path known only at run time: its types check literal paths. */
const paginatePagesOf = paginatePages as unknown as (
  client: KapsoClient,
  path: string,
  init: unknown,
  options: { maxPages: number },
) => AsyncGenerator<object, void, undefined>;

/** Page-size parameters set small, so a real account with a few items still has a second page. */
const SMALL_PAGE = 2;
const PAGE_SIZE_PARAMETERS = new Set(["limit", "per_page"]);

/** Runs every GET operation of the spec (or those in `only`) and checks each answer against it. */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = Date.now();
  const all = [...readOperations(options.spec).values()].filter((op) => op.method === "GET");
  const wanted = options.only?.length ? all.filter((op) => options.only?.includes(op.operationId)) : all;
  const client = createKapsoClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: politeFetch(options.rps, options.fetch),
  });
  const run = new Run(options, client, all);
  client.use(run.recorder);
  for (const op of wanted) await run.ensure(op);
  return {
    baseUrl: options.baseUrl,
    results: wanted.map((op) => run.resultOf(op)),
    durationMs: Date.now() - started,
  };
}

class Run {
  private readonly validator: ResponseValidator;
  private readonly results = new Map<Operation, OperationResult>();
  /** The first item each list answered, for the ids of the operations below it. */
  private readonly firstItems = new Map<Operation, unknown>();
  private readonly running = new Set<Operation>();
  /** The answers of the requests in flight for one operation, as the server sent them. */
  private answers: Answer[] = [];

  /** Keeps a copy of every answer, so each page a walk fetched is held to the spec as it arrived. */
  readonly recorder = {
    onResponse: async ({ response }: { response: Response }) => {
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: held to the schema as the text it is, which a JSON schema then refuses.
      }
      this.answers.push({ status: response.status, body });
      return response;
    },
  };

  constructor(
    private readonly options: ContractOptions,
    private readonly client: KapsoClient,
    private readonly gets: Operation[],
  ) {
    this.validator = new ResponseValidator(options.spec);
  }

  resultOf(op: Operation): OperationResult {
    const result = this.results.get(op);
    if (!result) throw new Error(`${op.operationId} was not run`);
    return result;
  }

  /** Runs an operation once, after the lists its ids come from. */
  async ensure(op: Operation): Promise<OperationResult> {
    const done = this.results.get(op);
    if (done) return done;
    this.running.add(op);
    const started = Date.now();
    const result: OperationResult = {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      outcome: "passed",
      statuses: [],
      problems: [],
      notes: [],
      durationMs: 0,
    };
    try {
      const path = await this.pathValues(op, result);
      if (path) await this.check(op, path, result);
      else result.outcome = "skipped";
    } catch (error) {
      result.outcome = "failed";
      result.problems.push({ page: result.statuses.length + 1, message: describe(error) });
    }
    if (result.outcome !== "skipped" && result.problems.length > 0) result.outcome = "failed";
    result.durationMs = Date.now() - started;
    this.running.delete(op);
    this.results.set(op, result);
    return result;
  }

  /** A value for every path parameter, or undefined after noting why one is missing. */
  private async pathValues(
    op: Operation,
    result: OperationResult,
  ): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const parameter of op.parameters.filter((p) => p.in === "path")) {
      const given = this.options.params?.[parameter.name];
      if (given !== undefined) {
        values[parameter.name] = given;
      } else if (this.options.ids === "examples") {
        values[parameter.name] = String(exampleValue(this.options.spec, parameter));
      } else {
        const found = await this.discover(op, parameter.name);
        if ("reason" in found) {
          result.notes.push(`no ${parameter.name}: ${found.reason}; pass --param ${parameter.name}=<value>`);
          return undefined;
        }
        values[parameter.name] = found.value;
        result.notes.push(`${parameter.name} from the first item of ${found.from}`);
      }
    }
    return values;
  }

  /**
   * An id from the first item of the list the path says it belongs to: `/workflows` for
   * `/workflows/{workflow_id}`; failing that, the list whose last segment names the id in the
   * plural (`.../executions` for `execution_id`). The item's field of the same name wins over `id`.
   */
  private async discover(
    op: Operation,
    name: string,
  ): Promise<{ value: string; from: string } | { reason: string }> {
    const segments = op.path.split("/");
    const prefix = segments.slice(0, segments.indexOf(`{${name}}`)).join("/");
    const plural = `${name.replace(/_id$/, "")}s`;
    const source =
      this.gets.find((candidate) => candidate.path === prefix && this.isList(candidate)) ??
      this.gets.find(
        (candidate) =>
          candidate !== op &&
          this.isList(candidate) &&
          (candidate.path.split("/").pop() ?? "").endsWith(plural),
      );
    if (!source) return { reason: "no list in the spec names where it comes from" };
    if (this.running.has(source))
      return { reason: `${source.operationId}, which lists them, is itself waiting for an id` };
    const sourceResult = await this.ensure(source);
    if (sourceResult.outcome !== "passed") {
      return { reason: `${source.operationId}, which lists them, ${sourceResult.outcome}` };
    }
    const item = this.firstItems.get(source);
    if (item === undefined) return { reason: `${source.operationId} answered no items` };
    const record = (item ?? {}) as Record<string, unknown>;
    const value = typeof item === "string" ? item : (record[name] ?? record.id);
    if (typeof value !== "string" && typeof value !== "number") {
      return { reason: `the first item of ${source.operationId} has no ${name} or id field` };
    }
    return { value: String(value), from: source.operationId };
  }

  private isList(op: Operation): boolean {
    const style = listStyle(this.options.spec, op.object);
    return style !== undefined && style !== "log-search";
  }

  /**
   * Sends the operation and checks the answer; a paginated list is walked by @kapso/pagination, as a
   * user walks it, for its first two pages, and each page is checked.
   */
  private async check(op: Operation, path: Record<string, string>, result: OperationResult): Promise<void> {
    const query: Record<string, unknown> = {};
    for (const parameter of op.parameters.filter((p) => p.in === "query")) {
      const given = this.options.params?.[parameter.name];
      if (given !== undefined) query[parameter.name] = given;
      else if (parameter.required) query[parameter.name] = exampleValue(this.options.spec, parameter);
      else if (PAGE_SIZE_PARAMETERS.has(parameter.name)) query[parameter.name] = SMALL_PAGE;
    }
    const style = listStyle(this.options.spec, op.object);
    const init = {
      params: { path, query },
      ...this.mockPreference(op),
      ...this.ownServer(op),
      // A file's bytes (the media download) are read as they are, not as JSON.
      ...(successIsBinary(this.options.spec, op) ? { parseAs: "blob" } : {}),
    };
    this.answers = [];
    let failure: unknown;
    try {
      if (style === undefined || style === "unpaginated") {
        await (this.client.GET as unknown as (path: string, init: unknown) => Promise<Result>)(op.path, init);
      } else {
        for await (const _page of paginatePagesOf(this.client, op.path, init, { maxPages: 2 })) {
          // Only the answers matter here; the recorder keeps them.
        }
      }
    } catch (error) {
      failure = error;
    }
    const answers = this.answers;
    const problemsBefore = result.problems.length;
    for (const [index, answer] of answers.entries()) this.judge(op, answer, index + 1, result);
    const firstBody = answers[0]?.body;
    if (
      failure instanceof KapsoPaginationError &&
      answers.length === 1 &&
      result.problems.length === problemsBefore &&
      !hasPaging(firstBody)
    ) {
      // The spec lets this list answer without `paging` (Meta's lists of phone numbers do): the answer
      // matched its schema, and a page that names no next page is the only one.
      result.notes.push("no paging in the answer: the first page is the only one");
      failure = undefined;
    }
    const first = answers[0]?.body as { data?: unknown } | undefined;
    if (answers[0]?.status === 200 && Array.isArray(first?.data) && first.data.length > 0) {
      this.firstItems.set(op, first.data[0]);
    }
    // A non-2xx answer is already a problem of its own; anything else the walk refused is one too.
    const answeredError = answers.some((answer) => answer.status < 200 || answer.status > 299);
    if (failure !== undefined && !answeredError) {
      result.problems.push({ page: answers.length, message: describe(failure) });
    }
    if (
      style !== undefined &&
      style !== "unpaginated" &&
      answers.length === 1 &&
      !answeredError &&
      hasPaging(firstBody)
    ) {
      result.notes.push("no second page: the first page is the last");
    }
  }

  /**
   * Against a mock, an operation that shares its URL template with others (`/{media_id}` and
   * `/{flow_id}` are one path to the mock) asks for its own first example, since a mock cannot tell
   * them apart by URL. A real API needs no such hint.
   */
  private mockPreference(op: Operation): { headers?: Record<string, string> } {
    if (this.options.ids !== "examples") return {};
    const item = this.options.spec.paths?.[op.path];
    if (item?.[VARIANT_PATH_EXTENSION] === undefined) return {};
    const [example] = Object.keys(namedExamples(this.options.spec, op, 200));
    return example === undefined ? {} : { headers: { Prefer: `example=${example}` } };
  }

  /**
   * An operation on a server of its own (the media download, on `/meta/whatsapp` rather than
   * `/meta/whatsapp/v24.0`) is reached on the base URL's origin under that server's path, so the key
   * never leaves the origin being checked.
   */
  private ownServer(op: Operation): { baseUrl?: string } {
    const own = (op.object.servers as Array<{ url?: string }> | undefined)?.[0]?.url;
    if (own === undefined) return {};
    const documentServer = (this.options.spec as { servers?: Array<{ url?: string }> }).servers?.[0]?.url;
    const documentPath = documentServer ? new URL(documentServer).pathname.replace(/\/+$/, "") : "";
    const base = new URL(this.options.baseUrl);
    const basePath = base.pathname.replace(/\/+$/, "");
    const root = basePath.endsWith(documentPath)
      ? basePath.slice(0, basePath.length - documentPath.length)
      : basePath;
    return { baseUrl: `${base.origin}${root}${new URL(own).pathname.replace(/\/+$/, "")}` };
  }

  /** Holds one answer to the spec: a documented status, a success, a body its schema accepts. */
  private judge(op: Operation, answer: Answer, page: number, result: OperationResult): void {
    const { status, body } = answer;
    result.statuses.push(status);
    const problem = (message: string, violation?: Violation) =>
      result.problems.push({ page, message, violation });
    if (!responseFor(this.options.spec, op, status)) {
      problem(`answered ${status}, which the operation does not document (${op.statuses.join(", ")})`);
      return;
    }
    if (status < 200 || status > 299) problem(`answered ${status}${errorMessage(body)}`);
    const schema = responseSchema(this.options.spec, op, status);
    if (schema) {
      for (const violation of this.validator.violations(schema, body)) problem(violation.message, violation);
    }
  }
}

/** The error body's own words (`error`, and `message` when it adds one), for the report line. */
function errorMessage(body: unknown): string {
  const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
  const words = [error, message].filter((w): w is string => typeof w === "string" && w !== "");
  return words.length ? `: ${[...new Set(words)].join(" - ")}` : "";
}

function hasPaging(body: unknown): boolean {
  const { paging, meta } = (body ?? {}) as { paging?: unknown; meta?: unknown };
  return paging !== undefined || meta !== undefined;
}

/** Whether the operation's 200 answer is a file's bytes rather than JSON. */
function successIsBinary(spec: object, op: Operation): boolean {
  const types = Object.keys(responseFor(spec, op, 200)?.content ?? {});
  return types.length > 0 && !types.some((type) => /^application\/([a-z.+-]+\+)?json$/.test(type));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
