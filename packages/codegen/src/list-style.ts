// Which list style each GET answers with, the same reading @kapso/pagination's types make: `data`
// an array plus cursor `paging`, or plus page-number `meta`, or neither (a list without pages); or
// `data` an object holding the `events` array and its `pagination` (the log search).
import { operationsById } from "./operations.js";
import { deref, flatten, type Json } from "./spec.js";

/**
 * How a GET list answers: `cursor` (`data` plus cursor `paging`), `page` (`data` plus page-number
 * `meta`), `logSearch` (`data.events` plus `data.pagination`) or `unpaginated` (`data` alone, one page).
 */
export type ListStyle = "cursor" | "page" | "logSearch" | "unpaginated";

/** The list style of an operation's 200 response, or undefined when it is not a list. */
export function listStyle(doc: Json, op: Json): ListStyle | undefined {
  const responses = op.responses as Record<string, unknown> | undefined;
  const response = responses?.["200"] ? deref<Json>(doc, responses["200"]) : undefined;
  const content = response?.content as Record<string, Json> | undefined;
  const schema = content?.["application/json"]?.schema;
  const props = ((schema && flatten(doc, schema)?.properties) ?? {}) as Json;
  const data = props.data ? flatten(doc, props.data) : undefined;
  const inData = (data?.properties ?? {}) as Json;
  if (inData.events && inData.pagination) return "logSearch";
  if (data?.type !== "array") return undefined;
  if (props.paging) return "cursor";
  if (props.meta) return "page";
  return "unpaginated";
}

/** Operations and GET lists of each style, counted per API area (an operation's first tag). */
export interface ApiArea {
  /** The tag's name, as declared in the document's `tags`. */
  name: string;
  /** Operations of every method whose first tag is this one. */
  operations: number;
  /** GET lists paged by cursor. */
  cursor: number;
  /** GET lists paged by page number. */
  page: number;
  /** GET lists shaped like the log search (`data.events` and `data.pagination`). */
  logSearch: number;
  /** GET lists that answer in one page, without paging information. */
  unpaginated: number;
}

/**
 * The API areas in the order the document declares its tags. Tags without operations (such as the
 * webhook deliveries Kapso sends) are left out; an operation whose first tag is not declared is an error.
 */
export function apiAreas(doc: Json): ApiArea[] {
  const tags = (doc.tags as Array<{ name: string }> | undefined) ?? [];
  const areas = new Map(
    tags.map((tag): [string, ApiArea] => [
      tag.name,
      { name: tag.name, operations: 0, cursor: 0, page: 0, logSearch: 0, unpaginated: 0 },
    ]),
  );
  for (const { id, op, method } of operationsById(doc)) {
    const area = areas.get((op.tags as string[] | undefined)?.[0] ?? "");
    if (!area) throw new Error(`operation ${id} has no tag declared in the document's tags`);
    area.operations++;
    const style = method === "get" ? listStyle(doc, op) : undefined;
    if (style) area[style]++;
  }
  return [...areas.values()].filter((area) => area.operations > 0);
}
