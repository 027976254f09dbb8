import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json } from "@kapso/test-support";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runCli, startProxy } from "./test-helpers.js";

const mockUrl = inject("kapsoMockUrl");
const requireHere = createRequire(import.meta.url);
const shipped = requireHere("@kapso/types/openapi.json") as {
  paths: Record<string, { get?: { operationId: string } }>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
const getOperations = Object.values(shipped.paths).flatMap((item) =>
  item.get ? [item.get.operationId] : [],
);
const dir = mkdtempSync(join(tmpdir(), "kapso-contract-test-"));

interface Testcase {
  name: string;
  failure?: { message: string; "#text"?: string };
  skipped?: { message: string };
}

function readJunit(file: string): { suite: Record<string, string>; cases: Testcase[] } {
  const text = readFileSync(file, "utf8");
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => name === "testcase",
  }).parse(text);
  const suite = parsed.testsuites.testsuite;
  return { suite, cases: suite.testcase as Testcase[] };
}

function line(stdout: string, operationId: string): string {
  return stdout.split("\n").find((l) => l.split(" ")[1] === operationId) ?? `(no line for ${operationId})`;
}

describe("against the embedded mock", () => {
  it("every GET operation of the shipped spec passes, lists follow one page, junit has one testcase each", async () => {
    const junit = join(dir, "embedded.xml");
    const run = await runCli(["--junit", junit]);
    expect(run.stderr).toBe("");
    expect(run.status, run.stdout).toBe(0);
    for (const operationId of getOperations) expect(line(run.stdout, operationId)).toMatch(/^PASS /);
    expect(run.stdout).toContain(
      `${getOperations.length} operations: ${getOperations.length} passed, 0 failed`,
    );
    // The mock's first page of executions names a second one, so the run asks for it.
    expect(line(run.stdout, "listWorkflowExecutions")).toMatch(/-> 200, 200$/);
    expect(line(run.stdout, "listCustomers")).toMatch(/-> 200, 200$/);

    const { suite, cases } = readJunit(junit);
    expect(cases.map((c) => c.name.split(" ")[0])).toEqual(getOperations);
    expect(suite.tests).toBe(String(getOperations.length));
    expect(suite.failures).toBe("0");
  });
});

describe("the Meta proxy's document, against the mock's WhatsApp API", () => {
  it("checks each operation of a shared URL template as itself, and the media download on its own server", async () => {
    const whatsappSpec = requireHere.resolve("@kapso/types/whatsapp/openapi.json");
    const only = ["getPhoneNumber", "getMediaUrl", "getFlow", "downloadMedia", "listMessages"];
    const run = await runCli([
      "--spec",
      whatsappSpec,
      "--base-url",
      inject("kapsoMockUrls").whatsapp ?? "",
      "--rps",
      "0",
      "--only",
      only.join(","),
    ]);
    expect(run.stderr).toBe("");
    for (const operationId of only) expect(line(run.stdout, operationId)).toMatch(/^PASS /);
    expect(line(run.stdout, "getMediaUrl")).toContain("GET /{media_id} -> 200");
    expect(line(run.stdout, "downloadMedia")).toContain("GET /media_download -> 200");
    expect(run.status).toBe(0);
  });
});

describe("against a mock serving broken answers", () => {
  const requests: Array<{ method: string; path: string; query: string }> = [];
  const proxy = startProxy(mockUrl, async (request, res, forward) => {
    requests.push({ method: request.method, path: request.path, query: request.query.toString() });
    const { status, body } = await forward();
    const changed = body as { data: Record<string, unknown> | Array<Record<string, unknown>> };
    if (/^\/workflows\/[^/]+$/.test(request.path)) {
      (changed.data as Record<string, unknown>).name = 42; // a string in the spec
    }
    if (request.path === "/customers" && request.query.get("page") === "2") {
      (changed.data as Array<Record<string, unknown>>)[0] = { id: "not-a-uuid" }; // only on the followed page
    }
    json(res, status, changed);
  });
  afterAll(async () => (await proxy).close());

  it("names each broken operation, the JSON pointer and the keyword, and exits 1", async () => {
    const { origin } = await proxy;
    const junit = join(dir, "broken.xml");
    const run = await runCli(["--base-url", origin, "--rps", "0", "--junit", junit]);
    expect(run.status, run.stdout).toBe(1);
    expect(line(run.stdout, "getWorkflow")).toMatch(/^FAIL getWorkflow GET \/workflows\/\{workflow_id\}/);
    expect(run.stdout).toMatch(/^ {4}\/data\/name type: must be string \[schema .*\]$/m);
    expect(line(run.stdout, "listCustomers")).toMatch(/^FAIL /);
    expect(run.stdout).toMatch(/^ {4}\/data\/0 required: must have required property 'name' \(page 2\)/m);
    expect(run.stdout).toMatch(/^ {4}\/data\/0\/id format: .*\(page 2\)/m);
    expect(line(run.stdout, "getWorkflowDefinition")).toMatch(/^PASS /);
    expect(run.stdout).toContain(`${getOperations.length - 2} passed, 2 failed`);

    const { suite, cases } = readJunit(junit);
    expect(cases).toHaveLength(getOperations.length);
    expect(suite.failures).toBe("2");
    const failed = cases.filter((c) => c.failure).map((c) => c.name.split(" ")[0]);
    expect(failed).toEqual(["getWorkflow", "listCustomers"]);
    const failure = cases.find((c) => c.name.startsWith("getWorkflow "))?.failure;
    expect(failure?.message).toContain("/data/name type");

    // Read-only: nothing but GET reached the API.
    expect(requests.length).toBeGreaterThan(getOperations.length);
    expect(new Set(requests.map((r) => r.method))).toEqual(new Set(["GET"]));
  });
});

describe("a spec that no longer matches the API", () => {
  it("--spec holds the answers to that document (a field the API sends as text, now documented as a number)", async () => {
    const edited = structuredClone(shipped);
    const workflow = edited.components.schemas.Workflow;
    if (!workflow?.properties?.name) throw new Error("the shipped spec has no Workflow.name");
    workflow.properties.name = { type: "integer" };
    const file = join(dir, "edited.json");
    writeFileSync(file, JSON.stringify(edited));
    const run = await runCli([
      "--base-url",
      mockUrl,
      "--spec",
      file,
      "--only",
      "getWorkflow,listWorkflows",
      "--rps",
      "0",
    ]);
    expect(run.status, run.stdout).toBe(1);
    expect(run.stdout).toMatch(/^FAIL getWorkflow /m);
    expect(run.stdout).toMatch(/^ {4}\/data\/name type: must be integer/m);
    expect(run.stdout).toMatch(/^ {4}\/data\/0\/name type: must be integer/m);
    expect(run.stdout).toContain("2 operations: 0 passed, 2 failed");
  });

  it("reads a YAML document too", async () => {
    const yaml = requireHere.resolve("@kapso/types/openapi.yaml");
    const run = await runCli([
      "--base-url",
      mockUrl,
      "--spec",
      yaml,
      "--only",
      "listWorkflows",
      "--rps",
      "0",
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PASS listWorkflows /m);
  });
});

describe("live mode ids", () => {
  const requests: string[] = [];
  const proxy = startProxy(mockUrl, async (request, res, forward) => {
    requests.push(request.path);
    const { status, body } = await forward();
    json(res, status, body);
  });
  afterAll(async () => (await proxy).close());

  it("come from the first item of the parent list, and an operation without one is skipped with the reason", async () => {
    const { origin } = await proxy;
    const run = await runCli(
      ["--live", "--base-url", origin, "--rps", "0", "--only", "getCustomer,listCustomers,getDatabaseTable"],
      { KAPSO_API_KEY: "kapso-live-ids-test-key" },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // The first customer of the spec's first_page example, not a parameter example.
    expect(requests).toContain("/customers/c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01");
    expect(run.stdout).toMatch(/^PASS getCustomer /m);
    expect(run.stdout).toMatch(
      /^SKIP getDatabaseTable .*\n {4}no table: listDatabaseTables answered no items; pass --param table=<value>$/m,
    );
    expect(run.stdout).toContain("3 operations: 2 passed, 0 failed, 1 skipped");
  });
});

// How far apart the requests start, and how long a 429 waits, is checked on a fake clock in
// rate.test.ts; here the bin runs against a proxy, so only what arrives is checked.
describe("rate limits", () => {
  const arrivals: string[] = [];
  let throttled = false;
  const proxy = startProxy(mockUrl, async (request, res, forward) => {
    arrivals.push(request.path);
    if (request.path === "/workflows" && !throttled) {
      throttled = true;
      json(res, 429, { error: "Rate limit exceeded" }, { "retry-after": "1" });
      return;
    }
    const { status, body } = await forward();
    json(res, status, body);
  });
  afterAll(async () => (await proxy).close());

  it("--rps 4 still sends every request", async () => {
    const { origin } = await proxy;
    throttled = true; // no 429 in this test
    arrivals.length = 0;
    const only = ["--only", "listCustomers,listWebhooks,listWhatsappFlows"];
    const run = await runCli(["--base-url", origin, "--rps", "4", ...only]);
    expect(run.status, run.stdout).toBe(0);
    expect(arrivals).toHaveLength(6); // three lists, two pages each
  });

  it("a 429 is retried after its Retry-After", async () => {
    const { origin } = await proxy;
    throttled = false;
    arrivals.length = 0;
    const run = await runCli(["--base-url", origin, "--rps", "0", "--only", "listWorkflows"]);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^PASS listWorkflows GET \/workflows -> 200$/m);
    expect(arrivals).toEqual(["/workflows", "/workflows"]);
  });
});

describe("the API key", () => {
  const key = "kapso-secret-key-that-must-not-show";
  const proxy = startProxy(mockUrl, async (request, res, forward) => {
    if (request.path === "/functions") {
      // An API that repeats the key it refused, as some do: the run must not repeat it.
      json(res, 401, { error: `Invalid API key ${String(request.headers["x-api-key"])}` });
      return;
    }
    const { status, body } = await forward();
    json(res, status, body);
  });
  afterAll(async () => (await proxy).close());

  it("never appears in the report, the junit file or an error, even when the API echoes it", async () => {
    const { origin } = await proxy;
    const junit = join(dir, "key.xml");
    const run = await runCli(
      [
        "--live",
        "--base-url",
        origin,
        "--rps",
        "0",
        "--only",
        "listFunctions,listWorkflows",
        "--junit",
        junit,
      ],
      { KAPSO_API_KEY: key },
    );
    expect(run.status).toBe(1);
    // The echoed line is there, with the key taken out.
    expect(run.stdout).toContain("answered 401: Invalid API key [redacted]");
    const junitText = readFileSync(junit, "utf8");
    expect(junitText).toContain("Invalid API key [redacted]");
    for (const text of [run.stdout, run.stderr, junitText]) expect(text).not.toContain(key);
  });

  it("is not in the message of a refused base URL", async () => {
    const run = await runCli(["--live", "--base-url", "http://api.example.com/v1"], { KAPSO_API_KEY: key });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("uses plain http:");
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});

describe("usage", () => {
  it.each([
    [["--allow-writes"], /--allow-writes is not supported yet/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
    [["--live"], /--live needs the API key in KAPSO_API_KEY/],
    [["--rps", "fast"], /--rps must be a number of requests a second .*"fast"/],
    [["--timeout", "0"], /--timeout must be a positive number/],
    [["--param", "workflow_id"], /--param must be name=value, got "workflow_id"/],
    [["--only", "createWorkflow"], /--only names no GET operation of .*: createWorkflow/],
    [["--spec", "/nonexistent/openapi.json"], /cannot read the spec \/nonexistent\/openapi.json/],
  ])("%j exits 2 naming the problem", async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("--help documents every flag", async () => {
    const run = await runCli(["--help"]);
    expect(run.status).toBe(0);
    const flags = [
      "--base-url",
      "--live",
      "--spec",
      "--junit",
      "--rps",
      "--param",
      "--only",
      "--timeout",
      "--allow-writes",
      "--help",
      "KAPSO_API_KEY",
    ];
    for (const flag of flags) expect(run.stdout).toContain(flag);
  });
});
