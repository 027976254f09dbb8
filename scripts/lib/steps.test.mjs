import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { report, runSteps, tallyTests } from "./steps.mjs";

const node = (code) => [process.execPath, "-e", code];
const quiet = { log: () => {}, error: () => {} };
const folders = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function suiteFolder(testSource, reportJson) {
  const dir = mkdtempSync(join(tmpdir(), "kapso-steps-"));
  folders.push(dir);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/a.test.ts"), testSource);
  if (reportJson) writeFileSync(join(dir, ".vitest-result.json"), JSON.stringify(reportJson));
  return dir;
}

describe("runSteps", () => {
  it("runs every step after a failure and skips, naming the cause, only what needs the failed one", () => {
    const rows = runSteps(
      [
        { id: "build", name: "build", command: node("process.exit(3)") },
        { id: "lint", name: "lint", command: node("process.exit(0)") },
        { id: "pack", name: "pack", command: node("process.exit(0)"), needs: ["build"] },
        { id: "upstream", name: "upstream", skip: "no OpenAPI files in /nowhere" },
      ],
      { ...quiet, cwd: tmpdir() },
    );
    expect(rows.map((r) => [r.step.id, r.result])).toEqual([
      ["build", "FAILED"],
      ["lint", "passed"],
      ["pack", "skipped"],
      ["upstream", "skipped"],
    ]);
    expect(rows[0].note).toBe("exit 3");
    expect(rows[2].note).toBe('needs "build", which did not pass');
  });
});

describe("tallyTests and report", () => {
  it("counts the tests of a suite that never reported as failed", () => {
    const ran = suiteFolder('it("a", () => {});\n', {
      numPassedTests: 4,
      numFailedTests: 0,
      testResults: [{ status: "passed", assertionResults: [{}, {}, {}, {}] }],
    });
    const never = suiteFolder(
      'it("b", () => {});\n  it("c", () => {});\ntest.each([1, 2])("d %s", () => {});\n',
    );
    const tally = tallyTests(
      [
        { name: "ran", dir: ran, step: "tests" },
        { name: "never", dir: never, step: "tests" },
      ],
      tmpdir(),
    );
    expect(tally).toMatchObject({ passed: 4, failed: 3, neverRan: 3, files: 1 });
    expect(tally.missing).toEqual([expect.stringContaining("never")]);

    const lines = [];
    const rows = [{ step: { id: "tests", name: "tests" }, result: "passed", seconds: 1, note: "" }];
    const code = report(rows, tally, 1, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      "tests: 4 passed, 3 failed (1 test files ran, about 3 tests never ran and count as failed)",
    );
  });

  it("counts the tests of a suite whose setup failed (a report of no tests) as never run", () => {
    const dir = suiteFolder('it("a", () => {});\nit("b", () => {});\n', {
      success: false,
      numTotalTests: 0,
      numPassedTests: 0,
      numFailedTests: 0,
      testResults: [],
    });
    const tally = tallyTests([{ name: "s", dir, step: "tests" }], tmpdir());
    expect(tally).toMatchObject({ passed: 0, failed: 2, neverRan: 2 });
  });

  it("counts a test file that failed to load as a failure", () => {
    const dir = suiteFolder('it("a", () => {});\n', {
      numPassedTests: 2,
      numFailedTests: 0,
      testResults: [
        { status: "passed", assertionResults: [{}, {}] },
        { status: "failed", assertionResults: [] },
      ],
    });
    const tally = tallyTests([{ name: "s", dir, step: "tests" }], tmpdir());
    expect(tally).toMatchObject({ passed: 2, failed: 1, files: 2 });
  });

  it("passes only when every step passed and no test failed", () => {
    const dir = suiteFolder('it("a", () => {});\n', {
      numPassedTests: 1,
      numFailedTests: 0,
      testResults: [{ status: "passed", assertionResults: [{}] }],
    });
    const tally = tallyTests([{ name: "s", dir, step: "tests" }], tmpdir());
    const lines = [];
    const rows = [{ step: { id: "tests", name: "tests" }, result: "passed", seconds: 2, note: "" }];
    expect(report(rows, tally, 2, { log: (l) => lines.push(l), error: () => {} })).toBe(0);
    expect(lines.at(-1)).toBe("tests: 1 passed, 0 failed (1 test files ran)");
  });
});
