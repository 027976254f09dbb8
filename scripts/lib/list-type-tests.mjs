// The type tests of @kapso/pagination that follow from the spec alone: every paginated GET list is a
// path `paginate` accepts, with the style and the item type its 200 schema gives, and every other
// path is refused. Written by `pnpm generate` next to the hand-written tests, so a spec edit changes
// them with it instead of breaking a list kept by hand.
import { flatten, listStyle, readOperations, responseSchema } from "./spec.mjs";

/** The style the types give a list: both `"cursor" | "page"` when its body documents both. */
function typedStyle(doc, op) {
  const style = listStyle(doc, op.object);
  if (style === undefined || style === "unpaginated") return undefined;
  const body = flatten(doc, responseSchema(doc, op, 200));
  if (style === "cursor" && body.properties?.meta) return '"cursor" | "page"';
  return JSON.stringify(style);
}

/** `components["schemas"]["Name"]` for items that name a schema; undefined for inline items. */
function itemType(doc, op, style) {
  const body = flatten(doc, responseSchema(doc, op, 200));
  const data = flatten(doc, body.properties?.data);
  const items = style === '"log-search"' ? flatten(doc, data.properties?.events).items : data.items;
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(items?.$ref ?? "")?.[1];
  return name ? `components["schemas"][${JSON.stringify(name)}]` : undefined;
}

/** The test file's text, for a bundled document. */
export function listTypeTests(doc, header) {
  const lists = [];
  const refused = new Set(Object.keys(doc.paths ?? {}));
  for (const op of readOperations(doc).values()) {
    if (op.method !== "GET") continue;
    const style = typedStyle(doc, op);
    if (!style) continue;
    refused.delete(op.path);
    lists.push({ path: op.path, operationId: op.operationId, style, item: itemType(doc, op, style) });
  }
  const lines = [
    header.trimEnd(),
    'import type { components, paths } from "@kapso/types";',
    'import { describe, expectTypeOf, test } from "vitest";',
    'import type { PaginatablePath, PaginatedItem, PaginationStyleOf } from "../index.js";',
    "",
    'describe("every paginated list of the spec", () => {',
  ];
  for (const list of lists.sort((a, b) => a.path.localeCompare(b.path))) {
    const path = JSON.stringify(list.path);
    const of = list.item ? ` of ${list.item.replace(/^components\["schemas"\]\["(.*)"\]$/, "$1")}` : "";
    lines.push(
      `  test(${JSON.stringify(`${list.operationId}: ${list.path} is a ${list.style.replaceAll('"', "")} list${of}`)}, () => {`,
    );
    lines.push(`    expectTypeOf<${path}>().toExtend<PaginatablePath<paths>>();`);
    lines.push(`    expectTypeOf<PaginationStyleOf<paths, ${path}>>().toEqualTypeOf<${list.style}>();`);
    if (list.item)
      lines.push(`    expectTypeOf<PaginatedItem<paths, ${path}>>().toEqualTypeOf<${list.item}>();`);
    lines.push("  });");
  }
  lines.push("});", "");
  lines.push("/** Every path of the spec that is not a paginated list: `paginate` must refuse each one. */");
  lines.push("type NotLists =");
  for (const path of [...refused].sort()) lines.push(`  | ${JSON.stringify(path)}`);
  lines[lines.length - 1] += ";";
  lines.push("");
  lines.push('test("no other path of the spec is accepted by paginate", () => {');
  lines.push("  expectTypeOf<Extract<NotLists, PaginatablePath<paths>>>().toEqualTypeOf<never>();");
  lines.push("});", "");
  return lines.join("\n");
}
