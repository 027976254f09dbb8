// The README's vitest globalSetup example is copied into users' projects as it stands, so it must
// type-check as it stands: on its own, strict, with nothing else of a project around it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function codeBlockStartingWith(markdown: string, firstLine: string): string {
  for (const [, code] of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    if (code?.startsWith(`${firstLine}\n`)) return code;
  }
  throw new Error(`README.md has no ts code block starting with ${firstLine}`);
}

it("the globalSetup example of the README type-checks on its own", () => {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const code = codeBlockStartingWith(readme, "// test/kapso-mock.setup.ts");
  // Inside the package, so `@kapso/mock` resolves to this package's build, as it would from npm.
  const dir = join(packageDir, ".tmp", "readme");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const file = join(dir, "kapso-mock.setup.ts");
  writeFileSync(file, code);
  const program = ts.createProgram([file], {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ["node"],
    skipLibCheck: true,
    noEmit: true,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(problems).toEqual([]);
});
