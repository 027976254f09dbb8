import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "./generate.js";
import { type Json, operations, splitSharedTemplates } from "./spec.js";
import { SHIPPED_SPEC, tempProject } from "./test-helpers.js";

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

describe("generate", () => {
  it("ships the bundled document as written, though openapi-typescript adds to discriminated unions", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kapso-codegen-discriminator-"));
    try {
      const part = (type: string) => ({
        type: "object",
        required: ["type"],
        properties: { type: { type: "string", const: type } },
      });
      const spec = join(dir, "openapi.json");
      const source = {
        openapi: "3.1.0",
        info: { title: "messages", version: "1" },
        paths: {},
        components: {
          schemas: {
            Message: {
              oneOf: [{ $ref: "#/components/schemas/Text" }, { $ref: "#/components/schemas/Image" }],
              discriminator: {
                propertyName: "type",
                mapping: { text: "#/components/schemas/Text", image: "#/components/schemas/Image" },
              },
            },
            Text: { allOf: [part("text")] },
            Image: { allOf: [part("image")] },
          },
        },
      };
      writeFileSync(spec, JSON.stringify(source));
      const { document, files } = await generate({ spec });
      expect(files["schema.ts"]).toContain("discriminator enum property added by openapi-typescript");
      expect((document.components as Json).schemas).toEqual(source.components.schemas);
      expect(files["openapi.json"]).not.toContain("added by openapi-typescript");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

// The README's "Meta proxy's spec" section, as a user runs it: the shipped proxy spec through the bin,
// and code against the output that tsc accepts only with each operation's own types.
const PROXY_SPEC = join(SHIPPED_SPEC, "../whatsapp/openapi.yaml");
const PROXY_CONSUMER = `import createClient from "openapi-fetch";
import type { MediaUrl, paths, SendMessageRequestBody } from "./kapso-whatsapp/index.js";

const wa = createClient<paths>({ baseUrl: "https://api.kapso.ai/meta/whatsapp/v24.0" });
const body: SendMessageRequestBody = { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } };
await wa.POST("/{phone_number_id}/messages", { params: { path: { phone_number_id: "1" } }, body });
const { data } = await wa.GET("/{media_id}", { params: { path: { media_id: "2" }, query: { phone_number_id: "1" } } });
export const file: MediaUrl | undefined = data;
// @ts-expect-error: reading a media file needs the phone number that owns it
await wa.GET("/{media_id}", { params: { path: { media_id: "2" } } });
// @ts-expect-error: a text message needs its text
export const noText: SendMessageRequestBody = { messaging_product: "whatsapp", to: "15551234567", type: "text" };
`;

describe("kapso-codegen on the shipped Meta proxy spec", () => {
  it("writes the types @kapso/types/whatsapp has, which type each operation of a shared template", () => {
    const project = tempProject();
    try {
      project.write("openapi.yaml", readFileSync(PROXY_SPEC, "utf8"));
      expect(project.codegen("--spec", "openapi.yaml", "--out", "src/kapso-whatsapp").status).toBe(0);
      const body = (text: string) => text.slice(text.indexOf("\n") + 1);
      const shipped = readFileSync(join(SHIPPED_SPEC, "../src/meta-proxy/generated/schema.ts"), "utf8");
      expect(body(readFileSync(join(project.dir, "src/kapso-whatsapp/schema.ts"), "utf8"))).toBe(
        body(shipped),
      );
      project.write("src/consumer.ts", PROXY_CONSUMER);
      expect(project.typecheck()).toMatchObject({ status: 0 });
    } finally {
      project.remove();
    }
  });
});
