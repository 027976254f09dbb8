import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "./generate.js";
import { type Json, operations, splitSharedTemplates } from "./spec.js";

// A Graph-API-shaped document: reading a phone number and reading a media file share `/{}`.
const read = (operationId: string, name: string, body: Json) => ({
  "x-kapso-path": `/{${name}}`,
  parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
  get: {
    operationId,
    responses: { 200: { description: "ok", content: { "application/json": { schema: body } } } },
  },
});

function graphDocument(): Json {
  return {
    openapi: "3.1.0",
    info: { title: "graph", version: "1" },
    paths: {
      "/{phone_number_id}/messages": {
        parameters: [{ name: "phone_number_id", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "listMessages", responses: { 200: { description: "ok" } } },
      },
      "/{object_id}": {
        "x-kapso-variants": ["PhoneNumber", "Media"],
        parameters: [{ name: "object_id", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "getObjectById", responses: { 200: { description: "any" } } },
      },
      "/media_download": {
        get: {
          operationId: "downloadMedia",
          responses: {
            200: {
              description: "the file",
              content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        PhoneNumber: { type: "object", properties: { display_phone_number: { type: "string" } } },
        MediaUrl: { type: "object", required: ["url"], properties: { url: { type: "string" } } },
      },
      pathItems: {
        PhoneNumber: read("getPhoneNumber", "phone_number_id", { $ref: "#/components/schemas/PhoneNumber" }),
        Media: read("getMediaUrl", "media_id", { $ref: "#/components/schemas/MediaUrl" }),
      },
    },
  };
}

describe("splitSharedTemplates", () => {
  it("puts each operation of a shared path under its own template, where the shared path was", () => {
    const split = splitSharedTemplates(graphDocument());
    expect(Object.keys(split.paths as Json)).toEqual([
      "/{phone_number_id}/messages",
      "/{phone_number_id}",
      "/{media_id}",
      "/media_download",
    ]);
    expect([...operations(split).values()].map((op) => op.op.operationId)).toEqual([
      "listMessages",
      "getPhoneNumber",
      "getMediaUrl",
      "downloadMedia",
    ]);
    expect((split.components as Json).pathItems).toBeUndefined();
    expect((split.components as Json).schemas).toEqual((graphDocument().components as Json).schemas);
  });

  it("returns a document without shared paths as it is", () => {
    const doc = graphDocument();
    const paths = doc.paths as Record<string, Json>;
    delete paths["/{object_id}"];
    expect(splitSharedTemplates(doc)).toBe(doc);
  });

  it("refuses a variant that is missing, on another template, or with other path parameters", () => {
    const missing = graphDocument();
    ((missing.paths as Record<string, Json>)["/{object_id}"] as Json)["x-kapso-variants"] = ["Flow"];
    expect(() => splitSharedTemplates(missing)).toThrow(/names Flow, which components.pathItems lacks/);

    const elsewhere = graphDocument();
    const items = (elsewhere.components as { pathItems: Record<string, Json> }).pathItems;
    (items.Media as Json)["x-kapso-path"] = "/{media_id}/content";
    expect(() => splitSharedTemplates(elsewhere)).toThrow(/must be a URL template like \/\{object_id\}/);

    const misnamed = graphDocument();
    const media = (misnamed.components as { pathItems: Record<string, Json> }).pathItems.Media as Json;
    (media.parameters as Json[])[0] = { name: "id", in: "path", required: true, schema: { type: "string" } };
    expect(() => splitSharedTemplates(misnamed)).toThrow(
      /GET \/\{media_id\}: path parameters \["id"\] do not match the template's \["media_id"\]/,
    );
  });
});

describe("generate with shared paths", () => {
  it("types each operation under its own template and keeps the shared path in the bundled document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kapso-codegen-shared-"));
    try {
      const spec = join(dir, "openapi.json");
      writeFileSync(spec, JSON.stringify(graphDocument()));
      const { document, files } = await generate({ spec });
      expect(Object.keys(document.paths as Json)).toContain("/{object_id}");
      expect(files["schema.ts"]).toContain('"/{media_id}": {');
      expect(files["schema.ts"]).toContain('"/{phone_number_id}": {');
      expect(files["schema.ts"]).not.toContain('"/{object_id}"');
      expect(files["aliases.ts"]).toContain(
        'export type GetMediaUrlResponse = operations["getMediaUrl"]["responses"][200]["content"]["application/json"];',
      );
      expect(files["aliases.ts"]).not.toContain("GetObjectById");
      // A body that is not JSON is typed by its own media type, not as no body at all.
      expect(files["aliases.ts"]).toContain(
        'export type DownloadMediaResponse = operations["downloadMedia"]["responses"][200]["content"]["application/octet-stream"];',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
