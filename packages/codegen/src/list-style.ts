// The API areas of a document and the list styles each one has, for the README's table. The style of
// one list is read by the spec library's `listStyle`, which the contract runner reads lists with too.
import { operationsById } from "./operations.js";
import { type Json, LIST_STYLES, type ListStyle, listStyle } from "./spec.js";

export type { ListStyle };
export { LIST_STYLES, listStyle };

/** Operations and GET lists of each style, counted per API area (an operation's first tag). */
export interface ApiArea {
  /** The tag's name, as declared in the document's `tags`. */
  name: string;
  /** Operations of every method whose first tag is this one. */
  operations: number;
  /** GET lists of each style. */
  lists: Record<ListStyle, number>;
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
      {
        name: tag.name,
        operations: 0,
        lists: Object.fromEntries(LIST_STYLES.map((style) => [style, 0])) as Record<ListStyle, number>,
      },
    ]),
  );
  for (const { id, op, method } of operationsById(doc)) {
    const area = areas.get((op.tags as string[] | undefined)?.[0] ?? "");
    if (!area) throw new Error(`operation ${id} has no tag declared in the document's tags`);
    area.operations++;
    const style = method === "get" ? listStyle(doc, op) : undefined;
    if (style) area.lists[style]++;
  }
  return [...areas.values()].filter((area) => area.operations > 0);
}
