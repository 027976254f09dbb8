// The one place that knows how to read an OpenAPI 3.1 document: bundling the split spec, following
// local `$ref`s, walking operations and merging `allOf`. Generation, the breaking-change diff and the
// upstream comparison all read documents through it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Bundles spec/openapi.yaml (or another root file) into one document with components sorted by name. */
export function bundleSpec(entry = join(root, "spec/openapi.yaml")) {
  const dir = mkdtempSync(join(tmpdir(), "kapso-bundle-"));
  try {
    const out = join(dir, "openapi.json");
    execFileSync(join(root, "node_modules/.bin/redocly"), ["bundle", entry, "--ext", "json", "-o", out], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    return sortComponents(JSON.parse(readFileSync(out, "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Component order follows the bundler's traversal; sorting keeps diffs of the shipped spec readable.
function sortComponents(doc) {
  const components = {};
  for (const [kind, entries] of Object.entries(doc.components ?? {})) {
    components[kind] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  }
  return { ...doc, components };
}

/**
 * Every operation of a document, keyed `METHOD /path`, with the path item's shared parameters beside
 * the operation's own.
 * @returns {Map<string, { method: string, path: string, op: any, shared: any[] }>}
 */
export function operations(doc) {
  const ops = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) {
        ops.set(`${method.toUpperCase()} ${path}`, {
          method,
          path,
          op: item[method],
          shared: item.parameters ?? [],
        });
      }
    }
  }
  return ops;
}

/** Follows local `$ref`s (`#/components/...`) to the object they name; siblings of a `$ref` win. */
export function deref(doc, node) {
  const seen = new Set();
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    const target = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((value, part) => value?.[part], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** An operation's parameters, shared ones first, each dereferenced, keyed `in:name`. */
export function parametersOf(doc, operation) {
  const params = new Map();
  for (const raw of [...operation.shared, ...(operation.op.parameters ?? [])]) {
    const param = deref(doc, raw);
    params.set(`${param.in}:${param.name}`, param);
  }
  return params;
}

/** A schema with its `allOf` parts merged into one object, so moving a property between parts is no change. */
export function flatten(doc, raw) {
  const schema = deref(doc, raw);
  if (!schema?.allOf) return schema;
  const merged = { ...schema, properties: { ...schema.properties }, required: [...(schema.required ?? [])] };
  delete merged.allOf;
  for (const part of schema.allOf.map((p) => flatten(doc, p))) {
    merged.type ??= part.type;
    merged.nullable ??= part.nullable;
    Object.assign(merged.properties, part.properties);
    merged.required.push(...(part.required ?? []));
    for (const keyword of ["items", "enum", "format", "additionalProperties", "oneOf", "anyOf"]) {
      if (part[keyword] !== undefined) merged[keyword] ??= part[keyword];
    }
  }
  return merged;
}

/**
 * One branch of a oneOf/anyOf with the keywords around it: the branch's own keywords win, and its
 * properties and required names are added to the surrounding ones rather than replacing them.
 */
export function withVariant(around, variant) {
  const properties = { ...around.properties, ...variant.properties };
  const required = [...new Set([...(around.required ?? []), ...(variant.required ?? [])])];
  return { ...around, ...variant, properties, required };
}

/**
 * A schema with `allOf` merged and its nullability read into `types`: 3.0's `nullable: true` and 3.1's `"null"` member of
 * `type` (or a `{ type: "null" }` branch of anyOf/oneOf) all become a `null` in `types`.
 */
export function normalize(doc, raw) {
  let schema = flatten(doc, raw);
  if (!schema || typeof schema !== "object") return undefined;
  const types = new Set(schema.type === undefined ? [] : [schema.type].flat());
  if (schema.nullable === true) types.add("null");
  if (schema.const === null) types.add("null");
  for (const keyword of ["anyOf", "oneOf"]) {
    const variants = schema[keyword];
    if (!variants) continue;
    const rest = variants.filter((v) => deref(doc, v)?.type !== "null");
    if (rest.length === variants.length) continue;
    types.add("null");
    if (rest.length === 1) {
      const { [keyword]: _dropped, ...others } = schema;
      const inner = normalize(doc, rest[0]);
      for (const t of inner.types) types.add(t);
      schema = { ...inner.schema, ...others };
    } else {
      schema = { ...schema, [keyword]: rest };
    }
  }
  if (types.size === 0 || (types.size === 1 && types.has("null"))) {
    if (schema.properties) types.add("object");
    if (schema.items) types.add("array");
  }
  if (schema.enum?.includes(null)) types.add("null");
  return { schema, types };
}
