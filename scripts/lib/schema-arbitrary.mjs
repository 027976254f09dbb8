// fast-check arbitraries built from the JSON Schemas of an OpenAPI document: values that a server
// following that document could send. Optional properties are sometimes present and sometimes
// absent, nullable values are sometimes null, and every branch of a oneOf/anyOf is tried, so a
// schema that is stricter than the document it is checked against fails on some generated value.
import fc from "fast-check";
import { deref, flatten, normalize, withVariant } from "./spec.mjs";

const FORMATS = {
  "date-time": () =>
    fc
      .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  date: () =>
    fc
      .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  ipv4: () => fc.ipV4(),
};

/**
 * @param {object} doc the document the schema belongs to (for `$ref`s)
 * @param {object} raw a schema of that document
 * @returns {import("fast-check").Arbitrary<unknown>}
 */
export function arbitraryFor(doc, raw, depth = 0) {
  const normalized = normalize(doc, raw);
  if (!normalized || depth > 12) return fc.constant(null);
  const { schema, types } = normalized;
  const choices = [];
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) {
    choices.push(fc.constantFrom(...schema.enum));
    if (types.has("null") && !schema.enum.includes(null)) choices.push(fc.constant(null));
    return fc.oneof(...choices);
  }
  for (const keyword of ["oneOf", "anyOf"]) {
    if (schema[keyword]) {
      const { [keyword]: variants, ...rest } = schema;
      choices.push(
        ...variants.map((variant) => arbitraryFor(doc, withVariant(rest, flatten(doc, variant)), depth + 1)),
      );
    }
  }
  if (choices.length === 0) {
    for (const type of types) {
      if (type === "null") continue;
      choices.push(arbitraryOfType(doc, schema, type, depth));
    }
    // No type at all means any value; `type: "null"` alone means null only (added just below).
    if (choices.length === 0 && !types.has("null")) choices.push(fc.jsonValue({ maxDepth: 1 }));
  }
  if (types.has("null")) choices.push(fc.constant(null));
  return choices.length === 1 ? choices[0] : fc.oneof(...choices);
}

function arbitraryOfType(doc, schema, type, depth) {
  switch (type) {
    case "string": {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 12 });
    }
    case "integer":
      return fc.integer({ min: bound(schema, "min", -1000), max: bound(schema, "max", 1000) });
    case "number":
      return fc.double({
        min: bound(schema, "min", -1000),
        max: bound(schema, "max", 1000),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "array": {
      const items = schema.items ? arbitraryFor(doc, schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      // Up to three items, never more than maxItems allows.
      return fc.array(items, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(Math.max(schema.minItems ?? 0, 3), schema.maxItems ?? Number.POSITIVE_INFINITY),
      });
    }
    case "object": {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, prop]) => [
          name,
          arbitraryFor(doc, deref(doc, prop), depth + 1),
        ]),
      );
      const requiredKeys = (schema.required ?? []).filter((name) => name in properties);
      return fc.record(properties, { requiredKeys });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function bound(schema, side, fallback) {
  const inclusive = schema[side === "min" ? "minimum" : "maximum"];
  const exclusive = schema[side === "min" ? "exclusiveMinimum" : "exclusiveMaximum"];
  if (typeof exclusive === "number") return side === "min" ? exclusive + 1 : exclusive - 1;
  if (typeof inclusive === "number") return inclusive;
  const other = schema[side === "min" ? "maximum" : "minimum"];
  if (typeof other === "number")
    return side === "min" ? Math.min(fallback, other) : Math.max(fallback, other);
  return fallback;
}
