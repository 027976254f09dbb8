// Compares our bundled spec with an OpenAPI document Kapso publishes, operation by operation, and
// lists every disagreement a TypeScript user could feel: a parameter, a status code, a property, a
// required list, a null, a format or an enum that the two documents state differently.
//
// Unlike the breaking-change diff, there is no direction here: both documents describe the same API,
// so any disagreement is a fact one of them gets wrong. Each difference has a stable `key`
// (`GET /workflows/{} 200 .data[].status: ...`) that spec/UPSTREAM.md can list as deliberate.
import { deref, flatten, normalize, operations, parametersOf } from "./spec.mjs";

/** @typedef {{ operation: string, where: string, what: string, key: string }} Difference */

// Path parameters may be named differently in the two documents; the route is the same.
export const routeOf = (key) => key.replace(/\{[^}]+\}/g, "{}");

/**
 * Pairs each upstream operation with ours by route. Where one document has several operations on a
 * route (Kapso's Meta proxy has `GET /{phone_number_id}`, `GET /{media_id}` and `GET /{flow_id}`),
 * they are paired by operationId, and their differences are keyed `ROUTE [operationId]`.
 * Give our document with its shared templates split (splitSharedTemplates), so each has its own.
 *
 * `pairs` says which of our operations stands for which published one (`METHOD /path` keys).
 *
 * @returns {{ shared: string[], pairs: { ours: string, upstream: string }[], onlyUpstream: string[], onlyOurs: string[], differences: Difference[] }}
 */
export function compareWithUpstream(ours, upstream) {
  const byRoute = (doc) => {
    const routes = new Map();
    for (const [key, op] of operations(doc)) {
      const route = routeOf(key);
      routes.set(route, [...(routes.get(route) ?? []), { key, ...op }]);
    }
    return routes;
  };
  const ourRoutes = byRoute(ours);
  const upstreamRoutes = byRoute(upstream);
  const paired = new Set();
  const pairs = [];
  const shared = [];
  const onlyUpstream = [];
  const differences = [];
  for (const [route, theirOps] of upstreamRoutes) {
    const candidates = ourRoutes.get(route) ?? [];
    const ambiguous = theirOps.length > 1 || candidates.length > 1;
    for (const theirs of theirOps) {
      const mine = ambiguous
        ? candidates.find((op) => op.op.operationId === theirs.op.operationId)
        : candidates[0];
      if (!mine) {
        onlyUpstream.push(theirs.key);
        continue;
      }
      paired.add(mine);
      pairs.push({ ours: mine.key, upstream: theirs.key });
      shared.push(mine.key);
      const label = ambiguous ? `${route} [${theirs.op.operationId}]` : route;
      const report = (where, what) =>
        differences.push({
          operation: mine.key,
          where,
          what,
          key: `${label}${where ? ` ${where}` : ""}: ${what}`,
        });
      compareOperation(ours, upstream, mine, theirs, report);
    }
  }
  const onlyOurs = [...ourRoutes.values()]
    .flat()
    .filter((op) => !paired.has(op))
    .map((op) => op.key);
  return { shared, pairs, onlyUpstream, onlyOurs, differences };
}

function compareOperation(ours, upstream, mine, theirs, report) {
  const ourParams = parametersOf(ours, mine);
  const upstreamParams = parametersOf(upstream, theirs);
  // Path parameters are matched by position: the names are ours to choose.
  const pathNames = (key) => [...key.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const ourPathNames = pathNames(mine.key);
  const upstreamPathNames = pathNames(theirs.key);
  const rename = new Map(upstreamPathNames.map((name, i) => [`path:${name}`, `path:${ourPathNames[i]}`]));

  const theirsByKey = new Map([...upstreamParams].map(([key, param]) => [rename.get(key) ?? key, param]));
  for (const [key, param] of ourParams) {
    const where = `${param.in} parameter ${param.name}`;
    const other = theirsByKey.get(key);
    if (!other) {
      report(where, "parameter only ours");
      continue;
    }
    if (Boolean(param.required) !== Boolean(other.required)) {
      report(where, `required: ours ${Boolean(param.required)}, upstream ${Boolean(other.required)}`);
    }
    compareSchema(ours, upstream, param.schema, other.schema, where, report, { constraints: true });
  }
  for (const [key, param] of theirsByKey) {
    if (!ourParams.has(key)) report(`${param.in} parameter ${param.name}`, "parameter only upstream");
  }

  const ourBody = mine.op.requestBody && deref(ours, mine.op.requestBody);
  const upstreamBody = theirs.op.requestBody && deref(upstream, theirs.op.requestBody);
  if (ourBody || upstreamBody) {
    if (!ourBody) report("request body", "only upstream");
    else if (!upstreamBody) report("request body", "only ours");
    else {
      if (Boolean(ourBody.required) !== Boolean(upstreamBody.required)) {
        report(
          "request body",
          `required: ours ${Boolean(ourBody.required)}, upstream ${Boolean(upstreamBody.required)}`,
        );
      }
      compareContent(ours, upstream, ourBody.content, upstreamBody.content, "request body", report);
    }
  }

  const ourResponses = mine.op.responses ?? {};
  const upstreamResponses = theirs.op.responses ?? {};
  for (const code of Object.keys(ourResponses)) {
    if (!(code in upstreamResponses)) report(code, "response only ours");
  }
  for (const [code, raw] of Object.entries(upstreamResponses)) {
    if (!(code in ourResponses)) {
      report(code, "response only upstream");
      continue;
    }
    const mineResponse = deref(ours, ourResponses[code]);
    const theirResponse = deref(upstream, raw);
    compareContent(ours, upstream, mineResponse.content, theirResponse.content, code, report);
  }
}

function compareContent(ours, upstream, mine = {}, theirs = {}, where, report) {
  for (const type of Object.keys(mine)) {
    if (!(type in theirs)) report(where, `media type ${type} only ours`);
  }
  for (const [type, media] of Object.entries(theirs)) {
    if (!(type in mine)) {
      report(where, `media type ${type} only upstream`);
      continue;
    }
    compareSchema(ours, upstream, mine[type].schema, media.schema, where, report, { constraints: false });
  }
}

const show = (value) => (value === undefined ? "none" : JSON.stringify(value));
const sortedTypes = (types) => [...types].sort().join("|") || "any";

function compareSchema(ours, upstream, mineRaw, theirsRaw, where, report, options, depth = 0) {
  if (!mineRaw || !theirsRaw || depth > 24) return;
  const mine = normalize(ours, mineRaw);
  const theirs = normalize(upstream, theirsRaw);
  if (!mine || !theirs) return;
  let a = mine.schema;
  let b = theirs.schema;
  const at = where || "body";

  // One side says "one of these shapes" where the other lists one object (ours a message body per
  // `type`, Kapso's one object with every type's field): the difference is said once, and the two
  // are compared as the union of their shapes, so every property is still compared.
  // Variants that only list required names (`anyOf: [{ required: [to] }, { required: [recipient] }]`)
  // constrain the properties around them rather than being shapes of their own.
  const requiredOnly = (doc, schema) => {
    const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].map((v) => deref(doc, v));
    return variants.length > 0 && variants.every((v) => !v.properties && !v.type && !v.allOf && !v.$ref);
  };
  const variantsOf = (doc, schema) =>
    `oneOf ${schema.oneOf?.length ?? 0}, anyOf ${schema.anyOf?.length ?? 0}` +
    (requiredOnly(doc, schema) ? " (required lists only)" : "");
  if (variantsOf(ours, a) !== variantsOf(upstream, b)) {
    report(at, `variants: ours ${variantsOf(ours, a)}, upstream ${variantsOf(upstream, b)}`);
    a = unionOfVariants(ours, a);
    b = unionOfVariants(upstream, b);
  }

  // A schema without a type accepts anything; only a disagreement between two stated types counts,
  // plus a null one side allows and the other does not.
  const typed = mine.types.size > 0 && theirs.types.size > 0;
  const nonNull = (types) => new Set([...types].filter((t) => t !== "null"));
  if (typed && sortedTypes(nonNull(mine.types)) !== sortedTypes(nonNull(theirs.types))) {
    const aTypes = nonNull(mine.types);
    const bTypes = nonNull(theirs.types);
    // integer ⊂ number: stated one way or the other, it is still a disagreement users feel.
    if (aTypes.size > 0 && bTypes.size > 0) {
      report(at, `type: ours ${sortedTypes(aTypes)}, upstream ${sortedTypes(bTypes)}`);
    }
  }
  if (mine.types.has("null") !== theirs.types.has("null")) {
    report(at, `nullable: ours ${mine.types.has("null")}, upstream ${theirs.types.has("null")}`);
  }
  if (a.format !== b.format) report(at, `format: ours ${show(a.format)}, upstream ${show(b.format)}`);

  const values = (schema) =>
    schema.enum
      ? schema.enum
          .filter((v) => v !== null)
          .map(String)
          .sort()
      : undefined;
  const aEnum = values(a);
  const bEnum = values(b);
  if (show(aEnum) !== show(bEnum)) report(at, `enum: ours ${show(aEnum)}, upstream ${show(bEnum)}`);
  if (a.const !== undefined || b.const !== undefined) {
    if (show(a.const) !== show(b.const))
      report(at, `const: ours ${show(a.const)}, upstream ${show(b.const)}`);
  }

  if (options.constraints) {
    for (const keyword of [
      "minimum",
      "maximum",
      "exclusiveMinimum",
      "exclusiveMaximum",
      "minLength",
      "maxLength",
      "default",
    ]) {
      if (show(a[keyword]) !== show(b[keyword])) {
        report(at, `${keyword}: ours ${show(a[keyword])}, upstream ${show(b[keyword])}`);
      }
    }
  }

  const aProps = a.properties ?? {};
  const bProps = b.properties ?? {};
  const aRequired = new Set(a.required ?? []);
  const bRequired = new Set(b.required ?? []);
  const inner = (name) => (where ? `${where} .${name}` : `.${name}`);
  for (const name of Object.keys(aProps)) {
    if (!(name in bProps)) report(inner(name), "property only ours");
  }
  for (const [name, theirsProp] of Object.entries(bProps)) {
    if (!(name in aProps)) {
      report(inner(name), `property only upstream${bRequired.has(name) ? " (required there)" : ""}`);
      continue;
    }
    if (aRequired.has(name) !== bRequired.has(name)) {
      report(inner(name), `required: ours ${aRequired.has(name)}, upstream ${bRequired.has(name)}`);
    }
    compareSchema(ours, upstream, aProps[name], theirsProp, inner(name), report, options, depth + 1);
  }

  if (a.items && b.items) {
    compareSchema(ours, upstream, a.items, b.items, `${at}[]`, report, options, depth + 1);
  }
  const aExtra = typeof a.additionalProperties === "object" ? a.additionalProperties : undefined;
  const bExtra = typeof b.additionalProperties === "object" ? b.additionalProperties : undefined;
  if (aExtra && bExtra) {
    compareSchema(ours, upstream, aExtra, bExtra, `${at}{}`, report, options, depth + 1);
  }

  for (const keyword of ["oneOf", "anyOf"]) {
    const aVariants = a[keyword] ?? [];
    const bVariants = b[keyword] ?? [];
    // Different variant lists were reported above and compared as unions.
    if (aVariants.length === 0 || aVariants.length !== bVariants.length) continue;
    for (let i = 0; i < aVariants.length; i++) {
      compareSchema(
        ours,
        upstream,
        aVariants[i],
        bVariants[i],
        `${at} ${keyword}[${i}]`,
        report,
        options,
        depth + 1,
      );
    }
  }
}

/**
 * A schema with the shapes of its oneOf/anyOf merged into it: every property any shape has (a
 * property that is a different `const` in each shape becomes their `enum`), and as required what
 * the schema itself requires plus what every shape requires.
 */
function unionOfVariants(doc, schema) {
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
    .map((variant) => unionOfVariants(doc, flatten(doc, variant)))
    .filter((variant) => variant && typeof variant === "object");
  if (variants.length === 0) return schema;
  const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
  const properties = { ...(schema.properties ?? {}) };
  const names = new Set(variants.flatMap((variant) => Object.keys(variant.properties ?? {})));
  for (const name of names) {
    if (name in properties) continue;
    const shapes = variants.map((variant) => variant.properties?.[name]).filter(Boolean);
    const resolved = shapes.map((shape) => deref(doc, shape));
    properties[name] = resolved.every((shape) => shape.const !== undefined)
      ? { type: resolved[0].type, enum: [...new Set(resolved.map((shape) => shape.const))] }
      : shapes[0];
  }
  const requiredByEveryShape = (variants[0].required ?? []).filter((name) =>
    variants.every((variant) => (variant.required ?? []).includes(name)),
  );
  const required = [...new Set([...(schema.required ?? []), ...requiredByEveryShape])];
  const types = new Set(variants.map((variant) => JSON.stringify(variant.type)));
  const type = schema.type ?? (types.size === 1 ? variants[0].type : undefined);
  return { ...rest, ...(type === undefined ? {} : { type }), properties, required };
}
