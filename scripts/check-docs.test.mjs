import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkReadmeBlocks, typescriptBlocks } from "./check-docs.mjs";
import { root } from "./lib/ensure-built.mjs";

describe("typescriptBlocks", () => {
  it("finds ts and typescript blocks with the line their code starts on, and nothing else", () => {
    const markdown = [
      "# Title", // 1
      "```sh", // 2
      "pnpm add x", // 3
      "```", // 4
      "```ts", // 5
      "const a = 1;", // 6
      "```", // 7
      "```typescript", // 8
      "const b = 2;", // 9
      "```", // 10
      "```text", // 11
      "```ts", // 12: inside a text block, not a fence
      "```", // 13
    ].join("\n");
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 6, indent: 0, code: "const a = 1;", skip: false },
      { line: 9, indent: 0, code: "const b = 2;", skip: false },
    ]);
  });

  it("takes a block inside a list item without its indentation", () => {
    const markdown = [
      "- a store:",
      "",
      "  ```ts",
      "  const store = {",
      "    ok: true,",
      "  };",
      "  ```",
    ].join("\n");
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 4, indent: 2, code: "const store = {\n  ok: true,\n};", skip: false },
    ]);
  });

  it("lets a longer fence hold a shorter one, and marks `ts nocheck` blocks as skipped", () => {
    const markdown = ["````ts nocheck", "```ts", "const x: number = 'no';", "```", "````"].join("\n");
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 2, indent: 0, code: "```ts\nconst x: number = 'no';\n```", skip: true },
    ]);
  });
});

describe("checkReadmeBlocks", () => {
  // Inside the repository, so the blocks find @types/node as a consumer project would.
  const dir = mkdtempSync(join(root, "scripts", ".tmp-docs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports an error at its README line and column, and checks each block as its own module", () => {
    mkdirSync(join(dir, "docs"));
    writeFileSync(
      join(dir, "docs/README.md"),
      [
        "```ts",
        "const answer = 42;", // 2
        "```",
        "",
        "- in a list:",
        "  ```ts",
        "  const answer: string = 42;", // 7: the same name again, fine in another module
        "  ```",
        "```ts nocheck",
        "const broken: number = 'on purpose';",
        "```",
      ].join("\n"),
    );
    const result = checkReadmeBlocks(dir, { base: dir, readmes: ["docs/README.md"] });
    expect(result.checked).toBe(2);
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual([
      {
        file: "docs/README.md",
        block: 7,
        line: 7,
        column: 9,
        message: "TS2322: Type 'number' is not assignable to type 'string'.",
      },
    ]);
  });
});
