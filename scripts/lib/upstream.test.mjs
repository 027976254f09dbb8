import { describe, expect, it } from "vitest";
import { readDeviations, triage } from "./deviations.mjs";
import { compareWithUpstream } from "./upstream.mjs";

// A small document in our style (3.1 nulls, components) and one in Kapso's (3.0-style `nullable`,
// other path parameter names), describing the same list endpoint.
function ours() {
  return {
    openapi: "3.1.0",
    paths: {
      "/widgets/{widget_id}/parts": {
        get: {
          parameters: [
            { name: "widget_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            { $ref: "#/components/parameters/limit" },
          ],
          responses: {
            200: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/PartList" } } },
            },
            404: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          },
        },
      },
      "/gadgets": { get: { responses: { 200: {} } } },
    },
    components: {
      parameters: {
        limit: {
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
        },
      },
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
        PartList: {
          type: "object",
          required: ["data"],
          properties: { data: { type: "array", items: { $ref: "#/components/schemas/Part" } } },
        },
        Part: {
          allOf: [
            { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } },
            {
              type: "object",
              required: ["ended_at"],
              properties: {
                ended_at: { type: ["string", "null"], format: "date-time" },
                status: { type: "string", enum: ["running", "done"] },
              },
            },
          ],
        },
      },
    },
  };
}

function upstream() {
  return {
    openapi: "3.1.0",
    paths: {
      "/widgets/{id}/parts": {
        get: {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
            },
          ],
          responses: {
            200: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["data"],
                    properties: {
                      data: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "ended_at"],
                          properties: {
                            id: { type: "string", format: "uuid" },
                            ended_at: { type: "string", format: "date-time", nullable: true },
                            status: { type: "string", enum: ["done", "running"] },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            404: {
              content: {
                "application/json": {
                  schema: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
                },
              },
            },
          },
        },
      },
      "/sprockets": { post: { responses: { 201: {} } } },
    },
  };
}

const keys = (a, b) => compareWithUpstream(a, b).differences.map((d) => d.key);
const ROUTE = "GET /widgets/{}/parts";

describe("compareWithUpstream", () => {
  it("finds nothing between two ways of writing the same operation", () => {
    const result = compareWithUpstream(ours(), upstream());
    expect(result.differences).toEqual([]);
    expect(result.shared).toEqual(["GET /widgets/{widget_id}/parts"]);
    expect(result.onlyUpstream).toEqual(["POST /sprockets"]);
    expect(result.onlyOurs).toEqual(["GET /gadgets"]);
  });

  it("reports a property we require and Kapso leaves optional", () => {
    const theirs = upstream();
    const item =
      theirs.paths["/widgets/{id}/parts"].get.responses[200].content["application/json"].schema.properties
        .data.items;
    item.required = ["id"];
    expect(keys(ours(), theirs)).toEqual([
      `${ROUTE} 200 .data[] .ended_at: required: ours true, upstream false`,
    ]);
  });

  it("reports a null Kapso allows and we do not", () => {
    const mine = ours();
    mine.components.schemas.Part.allOf[1].properties.ended_at.type = "string";
    expect(keys(mine, upstream())).toEqual([
      `${ROUTE} 200 .data[] .ended_at: nullable: ours false, upstream true`,
    ]);
  });

  it("reports properties, status codes and parameters only one side has", () => {
    const mine = ours();
    mine.components.schemas.Part.allOf[0].properties.colour = { type: "string" };
    const theirs = upstream();
    const op = theirs.paths["/widgets/{id}/parts"].get;
    op.responses[429] = {};
    op.parameters.push({ name: "after", in: "query", schema: { type: "string" } });
    delete mine.paths["/widgets/{widget_id}/parts"].get.responses[404];
    expect(keys(mine, theirs).sort()).toEqual(
      [
        `${ROUTE} 200 .data[] .colour: property only ours`,
        `${ROUTE} 404: response only upstream`,
        `${ROUTE} 429: response only upstream`,
        `${ROUTE} query parameter after: parameter only upstream`,
      ].sort(),
    );
  });

  it("reports parameter constraints, enums, formats and types", () => {
    const mine = ours();
    mine.components.parameters.limit.schema.maximum = 50;
    mine.components.schemas.Part.allOf[1].properties.status.enum = ["running"];
    mine.components.schemas.Part.allOf[0].properties.id.format = undefined;
    const theirs = upstream();
    theirs.paths["/widgets/{id}/parts"].get.responses[404].content[
      "application/json"
    ].schema.properties.error.type = "object";
    expect(keys(mine, theirs).sort()).toEqual(
      [
        `${ROUTE} 200 .data[] .id: format: ours none, upstream "uuid"`,
        `${ROUTE} 200 .data[] .status: enum: ours ["running"], upstream ["done","running"]`,
        `${ROUTE} 404 .error: type: ours string, upstream object`,
        `${ROUTE} query parameter limit: maximum: ours 50, upstream 100`,
      ].sort(),
    );
  });

  it("reads a null branch of anyOf as nullability, not as a variant", () => {
    const theirs = upstream();
    const item =
      theirs.paths["/widgets/{id}/parts"].get.responses[200].content["application/json"].schema.properties
        .data.items;
    item.properties.ended_at = { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] };
    expect(keys(ours(), theirs)).toEqual([]);
  });
});

// Meta's Graph API style: several operations on one route, told apart only by operationId.
function graph({
  mediaName = "media_id",
  mediaBody = { type: "object", properties: { url: { type: "string" } } },
} = {}) {
  const read = (operationId, name, body) => ({
    [`/{${name}}`]: {
      get: {
        operationId,
        parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
        responses: { 200: { content: { "application/json": { schema: body } } } },
      },
    },
  });
  return [
    read("getPhoneNumber", "phone_number_id", {
      type: "object",
      properties: { display_phone_number: { type: "string" } },
    }),
    read("getMediaUrl", mediaName, mediaBody),
  ];
}

describe("compareWithUpstream on routes several operations share", () => {
  // Two path keys that differ only in their parameter's name are one route, as in Kapso's document.
  const theirs = () => {
    const [phone, media] = graph();
    return { openapi: "3.1.0", paths: { ...phone, ...media } };
  };

  it("pairs them by operationId and names the operation in the key", () => {
    const [phone, media] = graph({ mediaBody: { type: "object", properties: { url: { type: "integer" } } } });
    const mine = { openapi: "3.1.0", paths: { ...phone, ...media } };
    const result = compareWithUpstream(mine, theirs());
    expect(result.shared.sort()).toEqual(["GET /{media_id}", "GET /{phone_number_id}"]);
    expect(result.onlyUpstream).toEqual([]);
    expect(result.differences.map((d) => d.key)).toEqual([
      "GET /{} [getMediaUrl] 200 .url: type: ours integer, upstream string",
    ]);
  });

  it("reports an operation of a shared route that we lack", () => {
    const [phone] = graph();
    const result = compareWithUpstream({ openapi: "3.1.0", paths: { ...phone } }, theirs());
    expect(result.onlyUpstream).toEqual(["GET /{media_id}"]);
  });
});

describe("compareWithUpstream on one-of shapes against one object", () => {
  const body = (schema) => ({
    openapi: "3.1.0",
    paths: { "/messages": { post: { requestBody: { content: { "application/json": { schema } } } } } },
  });
  const flat = {
    type: "object",
    required: ["type"],
    anyOf: [{ required: ["to"] }, { required: ["recipient"] }],
    properties: {
      type: { type: "string", enum: ["text", "image"] },
      to: { type: "string" },
      recipient: { type: "string" },
      text: { type: "object", properties: { body: { type: "string" } } },
      image: { type: "object", properties: { link: { type: "string" } } },
    },
  };
  const recipient = {
    anyOf: [
      {
        type: "object",
        required: ["to"],
        properties: { to: { type: "string" }, recipient: { type: "string" } },
      },
      {
        type: "object",
        required: ["recipient"],
        properties: { to: { type: "string" }, recipient: { type: "string" } },
      },
    ],
  };
  const perType = (textBody = { type: "string" }) => ({
    oneOf: [
      {
        allOf: [
          recipient,
          {
            type: "object",
            required: ["type", "text"],
            properties: {
              type: { type: "string", const: "text" },
              text: { type: "object", properties: { body: textBody } },
            },
          },
        ],
      },
      {
        allOf: [
          recipient,
          {
            type: "object",
            required: ["type", "image"],
            properties: {
              type: { type: "string", const: "image" },
              image: { type: "object", properties: { link: { type: "string" } } },
            },
          },
        ],
      },
    ],
  });

  it("says the shapes differ once and compares every property of their union", () => {
    expect(keys(body(perType()), body(flat))).toEqual([
      "POST /messages request body: variants: ours oneOf 2, anyOf 0, upstream oneOf 0, anyOf 2 (required lists only)",
    ]);
    expect(keys(body(perType({ type: "integer" })), body(flat))).toContain(
      "POST /messages request body .text .body: type: ours integer, upstream string",
    );
  });

  it("reads a type's const in each shape as the enum of the one object", () => {
    const narrower = structuredClone(flat);
    narrower.properties.type.enum = ["text"];
    expect(keys(body(perType()), body(narrower))).toContain(
      'POST /messages request body .type: enum: ours ["image","text"], upstream ["text"]',
    );
  });
});

describe("deviations", () => {
  const markdown = (block) => `# Deviations\n\n\`\`\`yaml deviations\n${block}\`\`\`\n`;

  it("lists differences a pattern matches and leaves the rest", () => {
    const deviations = readDeviations(
      markdown(
        '- id: limits\n  reason: documented everywhere\n  match:\n    - "* 4?? .message: property only ours"\n',
      ),
    );
    const differences = [
      { key: "GET /a 404 .message: property only ours" },
      { key: "GET /a 200 .message: property only ours" },
      { key: "GET /a 404 .data .message: property only ours" },
    ];
    const { listed, rest, used } = triage(differences, deviations);
    expect(listed.map((d) => d.key)).toEqual(["GET /a 404 .message: property only ours"]);
    expect(rest.map((d) => d.key)).toEqual([
      "GET /a 200 .message: property only ours",
      "GET /a 404 .data .message: property only ours",
    ]);
    expect([...used]).toEqual(["limits"]);
  });

  it("treats regular-expression characters in a pattern literally", () => {
    const deviations = readDeviations(
      markdown('- id: x\n  reason: r\n  match: "GET /a/{} 200 .data[] .b: x"\n'),
    );
    expect(triage([{ key: "GET /a/{} 200 .data[] .b: x" }], deviations).rest).toEqual([]);
    expect(triage([{ key: "GET /a/{} 200 .dataX .b: x" }], deviations).listed).toEqual([]);
  });

  it("refuses an entry without a reason, a repeated id, or a page without the block", () => {
    expect(() => readDeviations(markdown('- id: x\n  match: "a"\n'))).toThrow(/"x" has no reason/);
    expect(() =>
      readDeviations(markdown('- id: x\n  reason: r\n  match: "a"\n- id: x\n  reason: r\n  match: "b"\n')),
    ).toThrow(/listed twice/);
    expect(() => readDeviations("# nothing here")).toThrow(/no ```yaml deviations block/);
  });

  it("reads each API's block: the Platform API's, or a named section such as the Meta proxy's", () => {
    const page = `${markdown('- id: platform\n  reason: r\n  match: "a"\n')}\n\`\`\`yaml deviations whatsapp\n- id: proxy\n  reason: r\n  match: "b"\n\`\`\`\n`;
    expect(readDeviations(page).map((d) => d.id)).toEqual(["platform"]);
    expect(readDeviations(page, "whatsapp").map((d) => d.id)).toEqual(["proxy"]);
    expect(() => readDeviations(markdown("[]\n"), "whatsapp")).toThrow(
      /no ```yaml deviations whatsapp block/,
    );
  });
});
