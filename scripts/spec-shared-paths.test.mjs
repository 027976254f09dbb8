// The Meta proxy's document keeps one path per URL template that several operations share (see
// spec/UPSTREAM.md, "Paths shared by several operations"). That path is what a mock serves, so it
// must answer for every one of its operations: every named example of theirs, every body they take,
// every status they answer with, and their query parameters (required only where all require them).
// A variant edited without its shared path fails here, naming what the shared path lacks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deref, HTTP_METHODS, parametersOf, root } from "./lib/spec.mjs";

const doc = JSON.parse(readFileSync(join(root, "packages/types/whatsapp/openapi.json"), "utf8"));
const shared = Object.entries(doc.paths).filter(([, item]) => item["x-kapso-variants"]);

const cases = shared.flatMap(([path, item]) =>
  HTTP_METHODS.filter((method) => item[method]).map((method) => {
    const variants = item["x-kapso-variants"]
      .map((name) => doc.components.pathItems[name])
      .filter((variant) => variant[method])
      .map((variant) => ({ template: variant["x-kapso-path"], item: variant, op: variant[method] }));
    return [`${method.toUpperCase()} ${path}`, { path, item, method, variants }];
  }),
);

const examplesOf = (content) =>
  Object.entries(content ?? {}).flatMap(([type, media]) =>
    Object.keys(media.examples ?? {}).map((name) => `${type} ${name}`),
  );
const schemasOf = (content) =>
  Object.entries(content ?? {}).flatMap(([type, media]) => {
    const schema = media.schema ?? {};
    const branches = schema.anyOf && !schema.$ref ? schema.anyOf : [schema];
    return branches.map((branch) => `${type} ${JSON.stringify(branch)}`);
  });

describe("the Meta proxy's shared paths answer for each of their operations", () => {
  it("has the shared paths the document describes", () => {
    expect(shared.map(([path]) => path).sort()).toEqual(["/{object_id}", "/{owner_id}/flows"]);
    expect(cases.length).toBe(5);
  });

  it.each(cases)("%s", (_name, { path, item, method, variants }) => {
    const op = item[method];
    expect(op["x-kapso-operations"]).toEqual(variants.map((variant) => variant.op.operationId));
    for (const { template, item: variantItem, op: variantOp } of variants) {
      const where = `${variantOp.operationId} (${method.toUpperCase()} ${template})`;
      for (const [status, raw] of Object.entries(variantOp.responses)) {
        const mine = op.responses[status];
        expect(mine, `${path} lacks ${status} of ${where}`).toBeDefined();
        const content = deref(doc, raw).content;
        const sharedContent = deref(doc, mine).content;
        for (const example of examplesOf(content)) {
          expect(examplesOf(sharedContent), `${where} ${status}`).toContain(example);
        }
        for (const schema of schemasOf(content)) {
          expect(schemasOf(sharedContent), `${where} ${status}`).toContain(schema);
        }
      }
      if (variantOp.requestBody) {
        const body = deref(doc, variantOp.requestBody).content;
        const sharedBody = deref(doc, op.requestBody).content;
        for (const example of examplesOf(body)) expect(examplesOf(sharedBody), where).toContain(example);
        for (const schema of schemasOf(body)) expect(schemasOf(sharedBody), where).toContain(schema);
      }
      const sharedQuery = parametersOf(doc, { op, shared: item.parameters ?? [] });
      for (const [key, param] of parametersOf(doc, { op: variantOp, shared: variantItem.parameters ?? [] })) {
        if (param.in === "path") continue;
        expect(sharedQuery.has(key), `${path} lacks ${key} of ${where}`).toBe(true);
      }
    }
    for (const [key, param] of parametersOf(doc, { op, shared: item.parameters ?? [] })) {
      if (param.in === "path") continue;
      const requiredByAll = variants.every(
        ({ item: variantItem, op: variantOp }) =>
          parametersOf(doc, { op: variantOp, shared: variantItem.parameters ?? [] }).get(key)?.required ===
          true,
      );
      expect(Boolean(param.required), `${key} of ${path}`).toBe(requiredByAll);
    }
  });
});
