/**
 * fast-check arbitraries for what a caller sends: path and query parameter values and JSON request
 * bodies, built from the spec's schemas. The builder covers the keywords the spec uses and stays
 * approximate elsewhere; requests.ts keeps only values that Ajv finds valid against the schema, so a
 * request the mock rejects was sent wrong by the client, not built wrong here.
 *
 * Text is chosen to stress serialization: strings sent in a URL always hold at least one character
 * that must be percent-encoded there, date-times carry `+hh:mm` offsets (a `+` left unencoded in a
 * query reads as a space), and body strings are any Unicode text.
 */

import { flatten, type Json as JsonSchema, withVariant } from "@kapso/codegen/spec";
import fc from "fast-check";

/**
 * Where a value goes decides which values make sense there: no `null` in a URL, no `/` in a path
 * segment, nothing but visible ASCII in a header.
 */
export type Placement = "path" | "query" | "header" | "body";

export interface ValueOptions {
  /** The document the schemas belong to, for their `$ref`s. */
  doc: object;
  placement: Placement;
  /** Every optional property present (one request per operation sends them all); otherwise a random subset. */
  everyOptional: boolean;
  /** Keys a free-form query object must not use: the operation's other query parameters own them. */
  reservedKeys?: ReadonlySet<string>;
}

// Characters a URL must carry percent-encoded (or that change meaning when it does not), plus
// non-ASCII text that must go out as UTF-8.
const NEEDS_ENCODING = [" ", "é", "€", "😀", "?", "#", "&", "=", "+", "%", ",", ";", ":", "@", "'", "ñandú"];

const MAX_DEPTH = 8;

const VISIBLE_ASCII = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));

const dates = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2099-12-31T23:59:59Z"),
  noInvalidDate: true,
});

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  // The offset only relabels the instant; any RFC 3339 date-time is valid, and `+` is the interesting part.
  "date-time": () =>
    fc
      .tuple(dates, fc.constantFrom("Z", "+05:30", "-03:00", "+00:00"))
      .map(([date, offset]) => date.toISOString().replace("Z", offset)),
  date: () => dates.map((date) => date.toISOString().slice(0, 10)),
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl({ withQueryParameters: true }),
};

/** An arbitrary of values for one schema of the spec, placed in a path, a query or a body. */
export function valueFor(raw: unknown, options: ValueOptions, depth = 0): fc.Arbitrary<unknown> {
  const schema = flatten(options.doc, raw);
  if (depth > MAX_DEPTH) return fc.constant(null);
  const nullable = options.placement === "body" && typesOf(schema).includes("null");
  const values = nonNullValues(schema, options, depth);
  return nullable ? fc.oneof(values, fc.constant(null)) : values;
}

function nonNullValues(schema: JsonSchema, options: ValueOptions, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) {
    const members = schema.enum.filter((member) => member !== null);
    return fc.constantFrom(...(members.length > 0 ? members : [null]));
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const variants = schema[keyword];
    if (Array.isArray(variants)) {
      // Each variant inherits the keywords around the oneOf/anyOf (a shared `type`, say), and adds
      // its properties and required names to theirs rather than replacing them.
      const { [keyword]: _variants, ...around } = schema;
      return fc.oneof(
        ...variants.map((variant) =>
          valueFor(withVariant(around, flatten(options.doc, variant)), options, depth + 1),
        ),
      );
    }
  }
  const types = typesOf(schema).filter((type) => type !== "null");
  if (types.length === 0) return anyJson(options);
  return fc.oneof(...types.map((type) => valuesOfType(schema, type, options, depth)));
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties || schema.additionalProperties) return ["object"];
  if (schema.items) return ["array"];
  return [];
}

function valuesOfType(
  schema: JsonSchema,
  type: string,
  options: ValueOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return strings(schema, options.placement);
    case "integer":
      return fc.integer({ min: lowerBound(schema, 1), max: upperBound(schema, 1) });
    case "number":
      return fc
        .double({
          min: lowerBound(schema, 0),
          max: upperBound(schema, 0),
          noNaN: true,
          noDefaultInfinity: true,
        })
        .map((n) => n + 0); // -0 + 0 is 0: JSON and URLs have no negative zero.
    case "boolean":
      return fc.boolean();
    case "array":
      return arrays(schema, options, depth);
    case "object":
      return objects(schema, options, depth);
    default:
      return anyJson(options);
  }
}

function strings(schema: JsonSchema, placement: Placement): fc.Arbitrary<string> {
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format) return format();
  if (typeof schema.pattern === "string") return matching(schema.pattern);
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : minLength + 12;
  if (placement === "body") return fc.string({ unit: "grapheme", minLength, maxLength });
  // Header values are not percent-encoded: `Headers` refuses most non-ASCII text and trims spaces.
  if (placement === "header") return fc.string({ unit: VISIBLE_ASCII, minLength, maxLength });
  const text = fc
    .tuple(
      fc.string({ unit: "grapheme", maxLength: 6 }),
      fc.constantFrom(...NEEDS_ENCODING),
      fc.string({ unit: "grapheme", maxLength: 6 }),
    )
    .map((parts) => parts.join(""));
  // `.` and `..` are dot-segments that URL parsing removes, and `/` splits a segment: neither is an id.
  return placement === "path" ? text.filter((value) => !value.includes("/") && !/^\.\.?$/.test(value)) : text;
}

// One arbitrary per pattern: fast-check's first samples of a fresh stringMatching are slow, and the
// spec repeats its patterns (a dozen hex colors in one object).
const byPattern = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  let values = byPattern.get(pattern);
  if (!values) {
    values = fc.stringMatching(new RegExp(pattern));
    byPattern.set(pattern, values);
  }
  return values;
}

function lowerBound(schema: JsonSchema, step: number): number {
  if (typeof schema.exclusiveMinimum === "number") return schema.exclusiveMinimum + step;
  if (typeof schema.minimum === "number") return schema.minimum;
  return typeof schema.maximum === "number" ? Math.min(-1000, schema.maximum) : -1000;
}

function upperBound(schema: JsonSchema, step: number): number {
  if (typeof schema.exclusiveMaximum === "number") return schema.exclusiveMaximum - step;
  if (typeof schema.maximum === "number") return schema.maximum;
  return typeof schema.minimum === "number" ? Math.max(1000, schema.minimum) : 1000;
}

function arrays(schema: JsonSchema, options: ValueOptions, depth: number): fc.Arbitrary<unknown[]> {
  const items = schema.items ? valueFor(schema.items, options, depth + 1) : anyJson(options);
  const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
  const maxLength = typeof schema.maxItems === "number" ? schema.maxItems : minLength + 3;
  const sizes = { minLength: options.everyOptional ? Math.max(minLength, 1) : minLength, maxLength };
  if (!schema.uniqueItems) return fc.array(items, sizes);
  // Unique items of an enum: no more of them than the enum has, or fast-check searches in vain.
  const members = (flatten(options.doc, schema.items ?? {}).enum as unknown[] | undefined)?.length;
  const unique = { ...sizes, maxLength: Math.min(sizes.maxLength, members ?? sizes.maxLength) };
  return fc.uniqueArray(items, { ...unique, selector: (item) => JSON.stringify(item) });
}

function objects(
  schema: JsonSchema,
  options: ValueOptions,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const names = Object.keys(properties);
  const required = ((schema.required ?? []) as string[]).filter((name) => names.includes(name));
  const extra = schema.additionalProperties;
  if (names.length === 0 && extra !== undefined && extra !== false) {
    // A free-form map (metadata, a database row, query filters): a few keys of its value schema.
    const values = extra === true ? anyJson(options) : valueFor(extra, options, depth + 1);
    const reserved = options.reservedKeys ?? new Set<string>();
    // In a URL the keys are column names, kept to identifiers: openapi-fetch 0.17 sends the keys of a
    // form-exploded object without percent-encoding them (requests.test.ts holds that as a known failure).
    const keys = (
      options.placement === "body"
        ? fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })
        : matching("^[a-z_][a-z0-9_]{0,11}$")
    ).filter((key) => !reserved.has(key) && key !== "__proto__");
    // An empty object in a URL sends nothing at all, so a query object always has a key.
    const atLeastOne = options.everyOptional || options.placement !== "body";
    const minKeys = Math.max(atLeastOne ? 1 : 0, Number(schema.minProperties ?? 0));
    return fc.dictionary(keys, values, { minKeys, maxKeys: minKeys + 3, noNullPrototype: true });
  }
  const model = Object.fromEntries(
    names.map((name) => [name, valueFor(properties[name], options, depth + 1)]),
  );
  return fc.record(model, {
    requiredKeys: options.everyOptional ? names : required,
    noNullPrototype: true,
  }) as fc.Arbitrary<Record<string, unknown>>;
}

function anyJson(options: ValueOptions): fc.Arbitrary<unknown> {
  if (options.placement !== "body") return strings({}, options.placement);
  return fc.jsonValue({ maxDepth: 2 }).filter(withoutPrototypeKeys).map(withoutNegativeZero);
}

/**
 * fast-check's JSON objects may have keys such as `toString` or `valueOf`; Ajv compares values with
 * fast-deep-equal, which calls `value.toString()` when an object's `toString` is not Object's own, and
 * throws on a string there. A body with such a key is valid JSON that the validator cannot read.
 */
function withoutPrototypeKeys(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(withoutPrototypeKeys);
  if (value === null || typeof value !== "object") return true;
  return Object.entries(value).every(
    ([key, item]) => !(key in Object.prototype) && withoutPrototypeKeys(item),
  );
}

// JSON has no negative zero (JSON.stringify(-0) is "0"), so a body holding one cannot round-trip.
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNegativeZero(item)]));
  }
  return value;
}
