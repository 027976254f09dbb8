import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExampleChains, preferExample, SpecFileExampleChains } from "./example-chains.js";
import { defaultSpecPath } from "./index.js";
import { getWithExamples } from "./test-helpers.js";

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

describe("log-search chains", () => {
  const page = (events: number[], next: string | null) => ({
    value: { data: { available: true, events, pagination: { has_more: next !== null, next_cursor: next } } },
  });
  const document = {
    paths: {
      "/log_search": getWithExamples({
        first_page: page([1, 2], base64("second_page")),
        second_page: page([3, 4], base64("last_page")),
        last_page: page([5], null),
        unavailable: { value: { data: { available: false, events: [] } } },
      }),
      "/things": getWithExamples({ first_page: { value: { data: [1] } } }),
    },
  };
  const chains = new ExampleChains(document);

  it("serve the example a `cursor` names, following next_cursor to the end", () => {
    const walked: string[] = [];
    let url: string | undefined = "/log_search?limit=2";
    for (let name = "first_page"; url !== undefined; ) {
      walked.push(name);
      const next =
        document.paths["/log_search"].get.responses["200"].content["application/json"].examples[
          name as "first_page"
        ].value.data.pagination?.next_cursor;
      url = next ? `/log_search?limit=2&cursor=${encodeURIComponent(next)}` : undefined;
      if (url) name = chains.exampleFor({ method: "GET", url }) ?? "no example";
    }
    expect(walked).toEqual(["first_page", "second_page", "last_page"]);
  });

  it("leave a cursor no example names, and a request without one, to Prism", () => {
    expect(
      chains.exampleFor({ method: "GET", url: `/log_search?cursor=${base64("nowhere")}` }),
    ).toBeUndefined();
    expect(chains.exampleFor({ method: "GET", url: "/log_search?limit=2" })).toBeUndefined();
  });

  it("read `cursor` only on lists whose examples carry data.pagination", () => {
    expect(
      chains.exampleFor({ method: "GET", url: `/things?cursor=${base64("first_page")}` }),
    ).toBeUndefined();
    expect(chains.exampleFor({ method: "GET", url: `/things?after=${base64("first_page")}` })).toBe(
      "first_page",
    );
  });

  it("are read from a spec file too", () => {
    const path = join(tmpdir(), `kapso-mock-log-chains-${process.pid}.json`);
    writeFileSync(path, JSON.stringify(document));
    const fromFile = new SpecFileExampleChains(path);
    expect(fromFile.exampleFor({ method: "GET", url: `/log_search?cursor=${base64("last_page")}` })).toBe(
      "last_page",
    );
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
