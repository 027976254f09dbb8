// The README's examples are copied into users' projects and CI files as they stand: every ts block
// must type-check on its own (strict, nothing of a project around it), and every kapso-contract
// command in it must run as written, pointed at the test mock instead of the real API.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, inject, it } from "vitest";
import { packageDir, runCli } from "./test-helpers.js";

const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const blocks = (language: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");

describe("README", () => {
  it.each(blocks("ts").map((code, index) => [index, code]))(
    "ts block %i type-checks on its own",
    (index, code) => {
      // `@kapso/contract` resolves to this package's build through a link, as it would from npm.
      const dir = join(packageDir, ".tmp", "readme");
      mkdirSync(join(dir, "node_modules", "@kapso"), { recursive: true });
      const link = join(dir, "node_modules", "@kapso", "contract");
      if (!existsSync(link)) symlinkSync(packageDir, link, "dir");
      writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
      const file = join(dir, `block-${index}.ts`);
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
    },
  );

  const commands = [...blocks("sh"), ...blocks("yaml")]
    .flatMap((block) => block.split("\n"))
    .map((line) => /npx kapso-contract(.*)$/.exec(line)?.[1]?.trim())
    .filter((args): args is string => args !== undefined);

  it("has the commands this test runs", () => {
    expect(commands.length).toBeGreaterThanOrEqual(4);
  });

  it.each(commands)("`kapso-contract %s` runs", async (line) => {
    const args = line === "" ? [] : line.split(/\s+/);
    const junit = args.indexOf("--junit");
    if (junit >= 0) args[junit + 1] = join(packageDir, ".tmp", "readme", "kapso-contract.xml");
    // --live goes to the test mock instead of the real API; the later --rps wins, to keep the run short.
    const live = args.includes("--live") ? ["--base-url", inject("kapsoMockUrl"), "--rps", "0"] : [];
    const run = await runCli([...args, ...live], { KAPSO_API_KEY: "kapso-readme-test-key" });
    expect(run.stderr).toBe("");
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/\d+ operations: \d+ passed, 0 failed/);
  });
});
