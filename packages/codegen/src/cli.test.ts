import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { smallSpec, type TempProject, tempProject } from "./test-helpers.js";

let project: TempProject;
afterEach(() => project?.remove());

/** An error the CLI reports as a user's mistake: one line on stderr, exit status 2, no stack trace. */
function expectUsageError(run: { status: number | null; stderr: string }, mentions: string) {
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toContain(mentions);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("kapso-codegen flags and errors", () => {
  it("--help documents every flag", () => {
    project = tempProject();
    const run = project.codegen("--help");
    expect(run.status).toBe(0);
    for (const flag of ["--spec <file|url>", "--out <dir>", "--bundle", "--check", "--help", "--version"]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it("names an unknown flag", () => {
    project = tempProject();
    expectUsageError(project.codegen("--sepc", "openapi.yaml", "--out", "src/kapso"), "'--sepc'");
  });

  it("needs --spec and --out", () => {
    project = tempProject();
    expectUsageError(project.codegen("--out", "src/kapso"), "--spec <file|url> is required");
    project.write("openapi.yaml", smallSpec());
    expectUsageError(project.codegen("--spec", "openapi.yaml"), "--out <dir> is required");
  });

  it("names a spec it cannot read, and one that is not OpenAPI", () => {
    project = tempProject();
    expectUsageError(project.codegen("--spec", "missing.yaml", "--out", "src/kapso"), "missing.yaml");
    project.write("broken.yaml", "openapi: 3.1.0\npaths: { /a: { get: { responses: {\n");
    expectUsageError(project.codegen("--spec", "broken.yaml", "--out", "src/kapso"), "broken.yaml");
    project.write("other.yaml", "hello: world\n");
    expectUsageError(
      project.codegen("--spec", "other.yaml", "--out", "src/kapso"),
      "is not an OpenAPI 3 document",
    );
  });

  it("refuses an extension that redefines an operation of the spec before it", () => {
    project = tempProject();
    project.write("openapi.yaml", smallSpec());
    project.write("again.yaml", smallSpec());
    expectUsageError(
      project.codegen("--spec", "openapi.yaml", "--spec", "again.yaml", "--out", "src/kapso"),
      "again.yaml redefines GET /widgets",
    );
  });
});

describe("kapso-codegen output", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  it("reads a spec from a URL and writes the types, the aliases with their TSDoc, and on request the bundle", async () => {
    project = tempProject();
    const spec = smallSpec();
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/yaml" }).end(spec);
    });
    await new Promise<void>((listening) => server?.listen(0, "127.0.0.1", listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml?token=secret`;

    // The bin runs as a child process, so this process must stay free to serve the spec.
    const { spawn } = await import("node:child_process");
    const bin = join(import.meta.dirname, "../bin/kapso-codegen.js");
    const status = await new Promise<number | null>((exited) => {
      spawn(process.execPath, [bin, "--spec", url, "--out", "src/kapso", "--bundle"], {
        cwd: project.dir,
        stdio: "ignore",
      }).on("exit", exited);
    });
    expect(status).toBe(0);

    const out = (name: string) => readFileSync(join(project.dir, "src/kapso", name), "utf8");
    const aliases = out("aliases.ts");
    // The header names where the spec came from, without its query string.
    expect(aliases.split("\n")[0]).toContain("/openapi.yaml.");
    expect(aliases).not.toContain("secret");
    expect(aliases).toContain(
      '/**\n * A widget of the project.\n * Its name is unique.\n */\nexport type Widget = components["schemas"]["Widget"];',
    );
    expect(aliases).toContain(
      '/** List widgets (`GET /widgets`): query parameters. */\nexport type ListWidgetsQuery = NonNullable<operations["listWidgets"]["parameters"]["query"]>;',
    );
    expect(aliases).toContain("/** Create a widget (`POST /widgets`): the JSON request body. */");
    expect(out("schema.ts")).toContain("export interface paths {");
    expect(out("index.ts")).toContain('export type * from "./aliases.js";');
    expect(JSON.parse(out("openapi.json"))).toEqual(parse(spec));
    expect(parse(out("openapi.yaml"))).toEqual(parse(spec));
  });
});
