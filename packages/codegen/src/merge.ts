// A private spec extends the shipped one: its paths, webhooks, tags and components are added to the
// base document. Redefining what the base has is refused rather than silently won by one side, except
// for components that are the same (a private spec that `$ref`s the shipped schemas brings copies
// of them along when it is bundled).
import { isDeepStrictEqual } from "node:util";
import { CodegenError } from "./errors.js";
import { HTTP_METHODS, type Json } from "./spec.js";

type Section = Record<string, Json>;

/** `base` with `extension`'s paths, webhooks, tags and components added; `name` labels errors. */
export function mergeSpecs(base: Json, extension: Json, name: string): Json {
  const merged: Json = { ...base };
  merged.paths = mergePathItems((base.paths as Section) ?? {}, (extension.paths as Section) ?? {}, name);
  if (base.webhooks || extension.webhooks) {
    merged.webhooks = mergePathItems(
      (base.webhooks as Section) ?? {},
      (extension.webhooks as Section) ?? {},
      name,
    );
  }
  const tags = [...((base.tags as Array<{ name: string }>) ?? [])];
  for (const tag of (extension.tags as Array<{ name: string }>) ?? []) {
    if (!tags.some((known) => known.name === tag.name)) tags.push(tag);
  }
  if (tags.length > 0) merged.tags = tags;
  const components: Record<string, Section> = { ...((base.components as Record<string, Section>) ?? {}) };
  for (const [kind, entries] of Object.entries((extension.components as Record<string, Section>) ?? {})) {
    const known = { ...components[kind] };
    for (const [key, value] of Object.entries(entries)) {
      if (key in known && !isDeepStrictEqual(known[key], value)) {
        throw new CodegenError(
          `${name} redefines components.${kind}.${key}, which the spec before it defines differently; rename it`,
        );
      }
      known[key] = value;
    }
    // Sorted as the bundle sorts them, so an added schema lands where a reader looks for it.
    components[kind] = Object.fromEntries(Object.entries(known).sort(([a], [b]) => a.localeCompare(b)));
  }
  merged.components = components;
  return merged;
}

// New path items are added whole; a path both have may gain operations, but not replace one.
function mergePathItems(base: Section, extension: Section, name: string): Section {
  const merged: Section = { ...base };
  for (const [path, item] of Object.entries(extension)) {
    const known = merged[path];
    if (!known) {
      merged[path] = item;
      continue;
    }
    for (const method of HTTP_METHODS) {
      if (item[method] && known[method]) {
        throw new CodegenError(
          `${name} redefines ${method.toUpperCase()} ${path}, which the spec before it has`,
        );
      }
    }
    merged[path] = { ...known, ...item };
  }
  return merged;
}
