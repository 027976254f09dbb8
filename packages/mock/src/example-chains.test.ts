import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExampleChains, preferExample, SpecFileExampleChains } from "./example-chains.js";
import { defaultSpecPath } from "./index.js";

const base64 = (text: string) => Buffer.from(text).toString("base64");
const decode = (cursor: string) => Buffer.from(cursor, "base64").toString("utf8");

describe("the chains of the bundled spec", () => {
  const spec = JSON.parse(readFileSync(defaultSpecPath(), "utf8")) as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
  const chains = new ExampleChains(spec);
  // Every cursor the spec's own list examples hand out, with the path of their operation.
  const cursors: Array<{ path: string; cursor: string }> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const text = JSON.stringify(item.get?.responses?.["200"] ?? {});
    for (const [, cursor] of text.matchAll(/"(?:before|after|next|previous)":"([^"]+)"/g)) {
      cursors.push({ path: path.replace(/\{[^}]+\}/g, "id-1"), cursor: cursor as string });
    }
  }

  it("select, for every cursor in a list example, the example it names", () => {
    expect(cursors.length).toBeGreaterThan(10);
    for (const { path, cursor } of cursors) {
      const url = `${path}?after=${encodeURIComponent(cursor)}`;
      expect(chains.exampleFor({ method: "GET", url }), url).toBe(decode(cursor));
    }
  });

  it("select the page-number examples by meta.page", () => {
    expect(chains.exampleFor({ method: "GET", url: "/customers?page=2" })).toBe("last_page");
    expect(chains.exampleFor({ method: "get", url: "/customers?page=1&per_page=2" })).toBe("first_page");
  });
});

describe("SpecFileExampleChains", () => {
  const yaml = (example: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /things:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              examples:
                ${example}: { value: { data: [1] } }
`;

  it("reads a YAML spec and follows it when the file changes", () => {
    const path = join(tmpdir(), `kapso-mock-chains-${process.pid}.yaml`);
    writeFileSync(path, yaml("old_page"));
    const chains = new SpecFileExampleChains(path);
    expect(chains.exampleFor({ method: "GET", url: `/things?after=${base64("old_page")}` })).toBe("old_page");

    writeFileSync(path, yaml("new_page"));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(chains.exampleFor({ method: "GET", url: `/things?after=${base64("new_page")}` })).toBe("new_page");
    expect(chains.exampleFor({ method: "GET", url: `/things?after=${base64("old_page")}` })).toBeUndefined();
  });

  it("gives no chains for a file it cannot parse, without throwing", () => {
    const path = join(tmpdir(), `kapso-mock-broken-chains-${process.pid}.yaml`);
    writeFileSync(path, "openapi: [\n");
    const chains = new SpecFileExampleChains(path);
    expect(chains.exampleFor({ method: "GET", url: `/things?after=${base64("x")}` })).toBeUndefined();
  });
});

describe("preferExample", () => {
  it("sets the example, replacing the caller's and keeping their other preferences", () => {
    expect(preferExample(undefined, "last_page")).toBe("example=last_page");
    expect(preferExample("example=first_page", "last_page")).toBe("example=last_page");
    expect(preferExample("dynamic=false, example=a", "b")).toBe("dynamic=false, example=b");
  });

  it("leaves a request for a status code alone", () => {
    expect(preferExample("code=404, example=not_found", "last_page")).toBeUndefined();
    expect(preferExample(" Code=429", "last_page")).toBeUndefined();
  });
});
