// The README's commands are copied into users' CI files as they stand: every kapso-contract command
// in it must run as written, pointed at the test mock instead of the real API. (Its ts blocks are
// type-checked with every other README's by scripts/check-docs.mjs, against the packed packages.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { packageDir, runCli } from "./test-helpers.js";

const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const blocks = (language: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");

describe("README", () => {
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
