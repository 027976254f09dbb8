// Turns the spec's static list examples into lists a paginator can walk.
//
// Prism answers from named examples and cannot know which page a cursor asks for. The spec chains its
// list examples instead: each cursor in a page example (`paging` cursors, or a log search's
// `data.pagination.next_cursor`) is the Base64 of the name of the example holding the adjacent page,
// and page-number examples say which page they show in `meta.page`. This
// module reads those chains from the spec and says, for a request, which named example its cursor
// or page number asks for; the proxy then asks Prism for it with `Prefer: example=<name>`.
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { type Json, listStyleOfAnswer, namedExamples, readOperations } from "@kapso/codegen/spec";

export interface ExampleRequest {
  /** HTTP method, any case. */
  readonly method: string;
  /** Path and query string, as in an HTTP request line. */
  readonly url: string;
}

/** What the proxy asks of the chains: which example a request's cursor or page number selects. */
export interface ExampleSelector {
  exampleFor(request: ExampleRequest): string | undefined;
}

interface OperationExamples {
  readonly method: string;
  readonly pattern: RegExp;
  /** Segments without a `{parameter}`: `/customers/search` beats `/customers/{id}` for the same URL. */
  readonly literalSegments: number;
  /**
   * The query parameters that carry a cursor for this operation: `after` and `before` for every list,
   * and `cursor` for a log search (whose examples have `data.pagination`), the only style that sends it.
   */
  readonly cursorParams: readonly string[];
  /** Cursor (Base64 of an example's name) to that example's name. */
  readonly byCursor: ReadonlyMap<string, string>;
  /** Page number to the name of the example showing it. */
  readonly byPage: ReadonlyMap<number, string>;
}

/** Every query parameter that can select an example; a request with none of them selects nothing. */
const SELECTORS = ["after", "before", "cursor", "page"];

/** The example chains of one OpenAPI document (already parsed). */
export class ExampleChains implements ExampleSelector {
  private readonly operations: readonly OperationExamples[];

  constructor(document: unknown) {
    const operations: OperationExamples[] = [];
    const doc = (isObject(document) ? document : {}) as Json;
    for (const operation of readOperations(doc).values()) {
      const examples = new Map(Object.entries(namedExamples(doc, operation, 200)));
      if (examples.size === 0) continue;
      operations.push({
        method: operation.method,
        pattern: pathPattern(operation.path),
        literalSegments: operation.path.split("/").filter((segment) => segment && !segment.includes("{"))
          .length,
        ...indexExamples(examples),
      });
    }
    // The most specific template first, so the first match is the one Prism routes to.
    this.operations = operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  exampleFor(request: ExampleRequest): string | undefined {
    const url = new URL(request.url, "http://mock.invalid");
    const query = url.searchParams;
    if (!SELECTORS.some((name) => query.has(name))) return undefined;
    const method = request.method.toUpperCase();
    const path = decodeURIComponentSafely(url.pathname);
    const operation = this.operations.find((op) => op.method === method && op.pattern.test(path));
    if (!operation) return undefined;
    const cursor = operation.cursorParams.map((name) => query.get(name)).find((value) => value !== null);
    if (cursor !== undefined && cursor !== null) return operation.byCursor.get(cursor);
    const page = query.get("page");
    return page !== null && /^\d+$/.test(page) ? operation.byPage.get(Number(page)) : undefined;
  }
}

/**
 * The chains of a spec file, read again whenever the file changes: Prism reloads a changed spec, and
 * the chains follow it. A file that cannot be read or parsed gives no chains (Prism, which reads the
 * same file, is the one that reports why) until it changes again. The first read waits for the first
 * request that carries a cursor or page, so that it costs the mock's start nothing.
 */
export class SpecFileExampleChains implements ExampleSelector {
  private chains = new ExampleChains({});
  private modifiedMs = Number.NaN;

  constructor(private readonly specPath: string) {}

  exampleFor(request: ExampleRequest): string | undefined {
    // Most requests select nothing; they need not look at the file.
    if (!/[?&](after|before|cursor|page)=/.test(request.url)) return undefined;
    this.reloadIfChanged();
    return this.chains.exampleFor(request);
  }

  private reloadIfChanged(): void {
    let modifiedMs: number;
    try {
      modifiedMs = statSync(this.specPath).mtimeMs;
    } catch {
      return;
    }
    if (modifiedMs === this.modifiedMs) return;
    this.modifiedMs = modifiedMs;
    try {
      this.chains = new ExampleChains(readSpec(this.specPath));
    } catch {
      this.chains = new ExampleChains({});
    }
  }
}

function readSpec(specPath: string): unknown {
  const text = readFileSync(specPath, "utf8");
  if (specPath.endsWith(".json")) return JSON.parse(text);
  // Loaded only for a YAML spec: the bundled one is JSON, and the parser takes a while to load.
  const yaml = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yaml.parse(text);
}

/**
 * A `Prefer` header that asks for `example`, keeping the caller's other preferences. Undefined when
 * the caller asked for a status code: its examples are not the success response's, so the request is
 * left as the caller wrote it.
 */
export function preferExample(prefer: string | undefined, example: string): string | undefined {
  const preferences = (prefer ?? "")
    .split(",")
    .map((preference) => preference.trim())
    .filter((preference) => preference !== "");
  const name = (preference: string) => preference.split("=")[0]?.trim().toLowerCase();
  if (preferences.some((preference) => name(preference) === "code")) return undefined;
  const others = preferences.filter((preference) => name(preference) !== "example");
  return [...others, `example=${example}`].join(", ");
}

function indexExamples(
  examples: Map<string, unknown>,
): Pick<OperationExamples, "cursorParams" | "byCursor" | "byPage"> {
  const byCursor = new Map<string, string>();
  const byPage = new Map<number, string>();
  let logSearch = false;
  for (const [name, value] of examples) {
    if (listStyleOfAnswer(value) === "log-search") logSearch = true;
    byCursor.set(Buffer.from(name, "utf8").toString("base64"), name);
    const page = field(field(value, "meta"), "page");
    if (typeof page !== "number") continue;
    // An `empty` example often says page 1 too; the page with items is the one a walk expects.
    const shown = byPage.get(page);
    if (shown === undefined || (hasItems(value) && !hasItems(examples.get(shown)))) byPage.set(page, name);
  }
  return { cursorParams: logSearch ? ["after", "before", "cursor"] : ["after", "before"], byCursor, byPage };
}

function hasItems(value: unknown): boolean {
  const data = field(value, "data");
  return Array.isArray(data) && data.length > 0;
}

function pathPattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/]+")}/?$`);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
