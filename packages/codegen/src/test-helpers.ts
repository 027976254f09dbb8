// Temp projects for the tests: a folder outside the workspace where the built bin runs as a user
// runs it, and where tsc checks code written against what it generated.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(packageDir, "bin/kapso-codegen.js");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** The spec @kapso/types ships, as this repository builds it. */
export const SHIPPED_SPEC = join(packageDir, "../types/openapi.yaml");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A project folder with a strict tsconfig; openapi-fetch and typescript resolve from this package. */
export interface TempProject {
  dir: string;
  write(path: string, content: string): void;
  /** Runs `kapso-codegen <args>` in the project folder. */
  codegen(...args: string[]): Run;
  /** Type-checks the project's src/ with tsc. */
  typecheck(): Run;
  remove(): void;
}

export function tempProject(): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "kapso-codegen-test-"));
  symlinkSync(join(packageDir, "node_modules"), join(dir, "node_modules"), "dir");
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write("package.json", `${JSON.stringify({ name: "consumer", private: true, type: "module" })}\n`);
  write(
    "tsconfig.json",
    `${JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
      },
      include: ["src"],
    })}\n`,
  );
  const run = (args: string[]): Run => {
    const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return {
    dir,
    write,
    codegen: (...args) => run([bin, ...args]),
    typecheck: () => run([tsc, "-p", "tsconfig.json"]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A small Kapso-shaped spec: one cursor-paginated list, one create with a body, one schema per shape. */
export function smallSpec({ widgetFields = "" } = {}): string {
  return `openapi: 3.1.0
info:
  title: Widgets
  version: 1.0.0
tags:
  - name: Widgets
    description: Widgets of the project.
paths:
  /widgets:
    get:
      operationId: listWidgets
      tags: [Widgets]
      summary: List widgets
      description: Widgets, newest first.
      parameters:
        - name: limit
          in: query
          schema: { type: integer, minimum: 1, maximum: 100 }
        - name: after
          in: query
          schema: { type: string }
      responses:
        "200":
          description: A page of widgets.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/WidgetList" }
    post:
      operationId: createWidget
      tags: [Widgets]
      summary: Create a widget
      description: Creates one widget.
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/WidgetCreate" }
      responses:
        "201":
          description: The widget.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Widget" }
components:
  schemas:
    Widget:
      type: object
      description: |-
        A widget of the project.
        Its name is unique.
      required: [id, name]
      properties:
        id: { type: string, format: uuid }
        name: { type: string }${widgetFields}
    WidgetCreate:
      type: object
      description: What a new widget needs.
      required: [name]
      properties:
        name: { type: string }
    WidgetList:
      type: object
      description: A page of widgets.
      required: [data, paging]
      properties:
        data:
          type: array
          items: { $ref: "#/components/schemas/Widget" }
        paging:
          type: object
          properties:
            cursors:
              type: object
              properties:
                after: { type: [string, "null"] }
`;
}
