// Classifies the differences between two bundled OpenAPI 3.1 documents by what they do to a
// TypeScript client: code that compiled against the old types must still compile and behave against
// the new ones, or the change is breaking.
//
// Direction matters. In a request the client is the writer: removing what it may send, or requiring
// more, breaks it. In a response the client is the reader: removing what it reads, or returning values
// it does not expect (new types, new enum members, a property that may now be absent), breaks it.
import { deref, normalize, operations, parametersOf } from "./spec.mjs";

/** @typedef {{ kind: "breaking" | "non-breaking", where: string, what: string }} Change */

/** @returns {Change[]} */
export function diffSpecs(before, after) {
  const changes = [];
  const add = (kind, where, what) => changes.push({ kind, where, what });
  const oldOps = operations(before);
  const newOps = operations(after);

  for (const [key, oldOp] of oldOps) {
    const newOp = newOps.get(key);
    if (!newOp) {
      add("breaking", key, "operation removed");
      continue;
    }
    diffParameters(before, after, key, oldOp, newOp, add);
    diffRequestBody(before, after, key, oldOp.op.requestBody, newOp.op.requestBody, add);
    diffResponses(before, after, key, oldOp.op.responses ?? {}, newOp.op.responses ?? {}, add);
  }
  for (const key of newOps.keys()) if (!oldOps.has(key)) add("non-breaking", key, "operation added");
  return changes;
}

function diffParameters(before, after, where, oldOp, newOp, add) {
  const oldParams = parametersOf(before, oldOp);
  const newParams = parametersOf(after, newOp);
  for (const [key, oldParam] of oldParams) {
    const label = `${where} ${oldParam.in} parameter ${oldParam.name}`;
    const newParam = newParams.get(key);
    if (!newParam) {
      add("breaking", label, "parameter removed");
      continue;
    }
    if (!oldParam.required && newParam.required) add("breaking", label, "parameter became required");
    diffSchema(before, after, label, oldParam.schema, newParam.schema, "request", add);
  }
  for (const [key, newParam] of newParams) {
    if (oldParams.has(key)) continue;
    const label = `${where} ${newParam.in} parameter ${newParam.name}`;
    add(
      newParam.required ? "breaking" : "non-breaking",
      label,
      `${newParam.required ? "required" : "optional"} parameter added`,
    );
  }
}

function diffRequestBody(before, after, where, oldRaw, newRaw, add) {
  const oldBody = oldRaw ? deref(before, oldRaw) : undefined;
  const newBody = newRaw ? deref(after, newRaw) : undefined;
  const label = `${where} request body`;
  if (!oldBody && !newBody) return;
  if (!newBody) return add("breaking", label, "request body removed");
  if (!oldBody) return add(newBody.required ? "breaking" : "non-breaking", label, "request body added");
  if (!oldBody.required && newBody.required) add("breaking", label, "request body became required");
  diffContent(before, after, label, oldBody.content, newBody.content, "request", add);
}

function diffResponses(before, after, where, oldResponses, newResponses, add) {
  for (const [code, oldRaw] of Object.entries(oldResponses)) {
    const label = `${where} ${code}`;
    if (!newResponses[code]) {
      add("breaking", label, "response removed");
      continue;
    }
    const oldResponse = deref(before, oldRaw);
    const newResponse = deref(after, newResponses[code]);
    diffContent(before, after, label, oldResponse.content, newResponse.content, "response", add);
  }
  for (const code of Object.keys(newResponses)) {
    if (!oldResponses[code]) add("non-breaking", `${where} ${code}`, "response added");
  }
}

function diffContent(before, after, where, oldContent = {}, newContent = {}, direction, add) {
  for (const [type, oldMedia] of Object.entries(oldContent)) {
    const newMedia = newContent[type];
    if (!newMedia) {
      add("breaking", `${where} ${type}`, "media type removed");
      continue;
    }
    diffSchema(before, after, where, oldMedia.schema, newMedia.schema, direction, add);
  }
  for (const type of Object.keys(newContent)) {
    if (!oldContent[type]) add("non-breaking", `${where} ${type}`, "media type added");
  }
}

function diffSchema(before, after, where, oldRaw, newRaw, direction, add, depth = 0) {
  if (!oldRaw || !newRaw || depth > 32) return;
  // A nullable wrapper (`anyOf: [schema, {type: "null"}]`) is read as the schema plus a null type.
  const { schema: oldSchema, types: oldTypes } = normalize(before, oldRaw);
  const { schema: newSchema, types: newTypes } = normalize(after, newRaw);
  const reading = direction === "response";

  if (oldTypes.size > 0 && newTypes.size > 0) {
    const added = [...newTypes].filter((t) => !oldTypes.has(t));
    const removed = [...oldTypes].filter((t) => !newTypes.has(t));
    if (added.length > 0) {
      add(reading ? "breaking" : "non-breaking", where, `type now also allows ${added.join(", ")}`);
    }
    if (removed.length > 0) {
      add(reading ? "non-breaking" : "breaking", where, `type no longer allows ${removed.join(", ")}`);
    }
  }
  if (oldTypes.size > 0 && isUnconstrained(newSchema)) {
    add(reading ? "breaking" : "non-breaking", where, "type lifted: any value allowed");
  } else if (isUnconstrained(oldSchema) && newTypes.size > 0) {
    add(reading ? "non-breaking" : "breaking", where, `values restricted to ${[...newTypes].join(", ")}`);
  }
  if (oldSchema.format !== newSchema.format) {
    add(
      "breaking",
      where,
      `format changed from ${oldSchema.format ?? "none"} to ${newSchema.format ?? "none"}`,
    );
  }

  if (oldSchema.enum || newSchema.enum) {
    const oldValues = oldSchema.enum ?? [];
    const newValues = newSchema.enum ?? [];
    const both = oldSchema.enum && newSchema.enum;
    const removed = both ? oldValues.filter((v) => !newValues.includes(v)) : [];
    const added = both ? newValues.filter((v) => !oldValues.includes(v)) : [];
    if (!oldSchema.enum) add("breaking", where, "values restricted to an enum");
    if (!newSchema.enum) add(reading ? "breaking" : "non-breaking", where, "enum lifted: any value allowed");
    if (removed.length > 0) add("breaking", where, `enum narrowed: removed ${removed.join(", ")}`);
    if (added.length > 0) {
      // A reader's exhaustive switch over the old union stops compiling; a writer just gains choices.
      add(reading ? "breaking" : "non-breaking", where, `enum widened: added ${added.join(", ")}`);
    }
  }

  if (!reading) diffConstraints(where, oldSchema, newSchema, add);

  const oldProps = oldSchema.properties ?? {};
  const newProps = newSchema.properties ?? {};
  const oldRequired = new Set(oldSchema.required ?? []);
  const newRequired = new Set(newSchema.required ?? []);
  for (const [name, oldProp] of Object.entries(oldProps)) {
    const label = `${where} .${name}`;
    if (!(name in newProps)) {
      add("breaking", label, "property removed");
      continue;
    }
    if (reading && oldRequired.has(name) && !newRequired.has(name)) {
      add("breaking", label, "property became optional (may be absent)");
    }
    if (!reading && !oldRequired.has(name) && newRequired.has(name)) {
      add("breaking", label, "property became required");
    }
    diffSchema(before, after, label, oldProp, newProps[name], direction, add, depth + 1);
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const required = newRequired.has(name);
    add(
      !reading && required ? "breaking" : "non-breaking",
      `${where} .${name}`,
      `${required ? "required" : "optional"} property added`,
    );
  }

  diffAdditionalProperties(before, after, where, oldSchema, newSchema, direction, add, depth);

  if (oldSchema.items && newSchema.items) {
    diffSchema(before, after, `${where}[]`, oldSchema.items, newSchema.items, direction, add, depth + 1);
  }
  for (const keyword of ["oneOf", "anyOf"]) {
    const oldVariants = oldSchema[keyword] ?? [];
    const newVariants = newSchema[keyword] ?? [];
    const shared = Math.min(oldVariants.length, newVariants.length);
    for (let i = 0; i < shared; i++) {
      diffSchema(
        before,
        after,
        `${where} ${keyword}[${i}]`,
        oldVariants[i],
        newVariants[i],
        direction,
        add,
        depth + 1,
      );
    }
    if (newVariants.length > oldVariants.length) {
      add(
        reading ? "breaking" : "non-breaking",
        where,
        `${keyword} gained ${newVariants.length - oldVariants.length} variant(s)`,
      );
    } else if (newVariants.length < oldVariants.length) {
      add(
        reading ? "non-breaking" : "breaking",
        where,
        `${keyword} lost ${oldVariants.length - newVariants.length} variant(s)`,
      );
    }
  }
}

// The values of a map (`additionalProperties`): a schema on both sides is compared like a property;
// a schema lifted to "any value" breaks a reader (it may now get what it does not handle), and a
// schema imposed where any value went breaks a writer.
function diffAdditionalProperties(before, after, where, oldSchema, newSchema, direction, add, depth) {
  const reading = direction === "response";
  const schemaOf = (value) => (typeof value === "object" && value !== null ? value : undefined);
  const oldValues = schemaOf(oldSchema.additionalProperties);
  const newValues = schemaOf(newSchema.additionalProperties);
  const label = `${where} .*`;
  if (oldValues && newValues) {
    diffSchema(before, after, label, oldValues, newValues, direction, add, depth + 1);
  } else if (oldValues && newSchema.additionalProperties !== false && !isUnconstrained(oldValues)) {
    add(reading ? "breaking" : "non-breaking", label, "map values lifted: any value allowed");
  } else if (newValues && oldSchema.additionalProperties !== false && !isUnconstrained(newValues)) {
    add(reading ? "non-breaking" : "breaking", label, "map values restricted to a schema");
  }
}

const isUnconstrained = (schema) => Object.keys(schema).every((key) => key === "description");

// Only a writer can be hurt by a tighter constraint: a value it sent before may now be rejected.
function diffConstraints(where, oldSchema, newSchema, add) {
  const tighter = [
    ["minimum", (o, n) => n > o],
    ["exclusiveMinimum", (o, n) => n > o],
    ["minLength", (o, n) => n > o],
    ["minItems", (o, n) => n > o],
    ["maximum", (o, n) => n < o],
    ["exclusiveMaximum", (o, n) => n < o],
    ["maxLength", (o, n) => n < o],
    ["maxItems", (o, n) => n < o],
  ];
  for (const [keyword, isTighter] of tighter) {
    const o = oldSchema[keyword];
    const n = newSchema[keyword];
    if (n === undefined) continue;
    if (o === undefined || isTighter(o, n)) add("breaking", where, `${keyword} tightened to ${n}`);
  }
  if (newSchema.pattern !== undefined && newSchema.pattern !== oldSchema.pattern) {
    add("breaking", where, `pattern changed to ${newSchema.pattern}`);
  }
  if (oldSchema.additionalProperties !== false && newSchema.additionalProperties === false) {
    add("breaking", where, "additional properties no longer allowed");
  }
}
