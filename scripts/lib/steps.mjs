// Runs the steps of `pnpm test` and tallies the suites' vitest reports. Kept apart from the step
// list so the runner's rules (run on after a failure, skip what needs a failed step, count tests that
// never ran as failed) are tested on their own.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * @typedef {{ id: string, name: string, command?: string[], skip?: string, needs?: string[] }} Step
 * @typedef {{ name: string, dir: string, step: string }} Suite
 * @typedef {{ step: Step, result: "passed" | "FAILED" | "skipped", seconds: number, note: string }} Row
 */

export const resultFile = (suite) => join(suite.dir, ".vitest-result.json");

export function clearResults(suites) {
  for (const suite of suites) rmSync(resultFile(suite), { force: true });
}

/** Runs every step in order; returns one row per step. */
export function runSteps(steps, { cwd, log = console.log, spawn = spawnSync } = {}) {
  const outcomes = new Map();
  const rows = [];
  for (const step of steps) {
    const failedNeed = step.needs?.find((id) => outcomes.get(id) !== "passed");
    const began = Date.now();
    let result;
    let note = "";
    if (step.skip) {
      result = "skipped";
      note = step.skip;
      log(`\n▷ ${step.name}: skipped, ${step.skip}`);
    } else if (failedNeed) {
      result = "skipped";
      note = `needs "${steps.find((s) => s.id === failedNeed)?.name ?? failedNeed}", which did not pass`;
      log(`\n▷ ${step.name}: skipped, ${note}`);
    } else {
      const [command, ...args] = step.command;
      log(`\n▶ ${step.name}: ${step.command.join(" ")}`);
      const run = spawn(command, args, { cwd, stdio: "inherit", env: process.env });
      result = run.status === 0 ? "passed" : "FAILED";
      if (run.status !== 0) note = run.signal ? `killed by ${run.signal}` : `exit ${run.status}`;
    }
    outcomes.set(step.id, result);
    rows.push({ step, result, seconds: (Date.now() - began) / 1000, note });
  }
  return rows;
}

// Test declarations of a suite that never reported, counted from its sources so that they show up
// as failed rather than vanish from the total. `it.each` tables count once: a lower bound.
export function declaredTests(dir) {
  let count = 0;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "dist") continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.test\.m?[jt]s$/.test(entry.name)) {
        count += (readFileSync(path, "utf8").match(/^\s*(?:it|test)(?:\.each\([^)]*\))?\(/gm) ?? []).length;
      }
    }
  };
  walk(dir);
  return count;
}

/** Sums the suites' reports; a suite without a report counts its declared tests as failed. */
export function tallyTests(suites, root) {
  const total = { passed: 0, failed: 0, files: 0, neverRan: 0, byStep: new Map(), missing: [] };
  for (const suite of suites) {
    const tally = total.byStep.get(suite.step) ?? { passed: 0, failed: 0 };
    const file = resultFile(suite);
    const report = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
    // A run whose setup failed (the mock did not start, say) writes a report of no tests at all.
    if (report && !(report.success === false && report.numTotalTests === 0)) {
      // A file that failed to load reports no tests of its own; it still counts as a failure.
      const brokenFiles = (report.testResults ?? []).filter(
        (f) => f.status === "failed" && (f.assertionResults ?? []).length === 0,
      ).length;
      tally.passed += report.numPassedTests;
      tally.failed += report.numFailedTests + brokenFiles;
      total.files += report.testResults?.length ?? 0;
    } else {
      const count = Math.max(declaredTests(suite.dir), 1);
      total.neverRan += count;
      tally.failed += count;
      total.missing.push(`${suite.name} (${relative(root, suite.dir)}): about ${count} tests never ran`);
    }
    total.byStep.set(suite.step, tally);
  }
  for (const tally of total.byStep.values()) {
    total.passed += tally.passed;
    total.failed += tally.failed;
  }
  return total;
}

/** The table of steps and the closing lines; returns the exit code. */
export function report(rows, tally, seconds, { log = console.log, error = console.error } = {}) {
  const width = Math.max(...rows.map((r) => r.step.name.length));
  log(`\n${"step".padEnd(width)}  result   time   tests        note`);
  for (const { step, result, seconds: s, note } of rows) {
    const stepTally = tally.byStep.get(step.id);
    const tests = stepTally ? `${stepTally.passed}/${stepTally.passed + stepTally.failed}` : "";
    log(
      `${step.name.padEnd(width)}  ${result.padEnd(7)}  ${`${s.toFixed(0)} s`.padStart(5)}  ${tests.padEnd(11)}  ${note}`,
    );
  }
  for (const line of tally.missing) log(`  ${line}`);

  const failedSteps = rows.filter((r) => r.result === "FAILED").map((r) => r.step.name);
  const skippedForFailure = rows.filter((r) => r.result === "skipped" && !r.step.skip).length;
  const ran = `${tally.files} test files ran`;
  if (failedSteps.length > 0 || tally.failed > 0) {
    const because = skippedForFailure > 0 ? `, ${skippedForFailure} skipped because of them` : "";
    error(
      `\n✗ ${failedSteps.length} step(s) failed${because} in ${seconds} s: ${failedSteps.join("; ") || "failed tests"}`,
    );
    const never = tally.neverRan > 0 ? `, about ${tally.neverRan} tests never ran and count as failed` : "";
    log(`tests: ${tally.passed} passed, ${Math.max(tally.failed, 1)} failed (${ran}${never})`);
    return 1;
  }
  log(`\n✓ all checks passed in ${seconds} s`);
  log(`tests: ${tally.passed} passed, 0 failed (${ran})`);
  return 0;
}
