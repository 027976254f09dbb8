import type { ContractReport, OperationResult, Problem } from "./run.js";

/** Replaces every occurrence of each secret, so no report, file or error can carry the API key. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}

function problemLine(problem: Problem): string {
  const where = problem.page > 1 ? ` (page ${problem.page})` : "";
  if (!problem.violation) return `${problem.message}${where}`;
  const { instancePath, keyword, schemaPath } = problem.violation;
  return `${instancePath || "(body)"} ${keyword}: ${problem.message}${where} [schema ${schemaPath}]`;
}

function headline(result: OperationResult): string {
  const label = { passed: "PASS", failed: "FAIL", skipped: "SKIP" }[result.outcome];
  const statuses = result.statuses.length ? ` -> ${result.statuses.join(", ")}` : "";
  return `${label} ${result.operationId} ${result.method} ${result.path}${statuses}`;
}

/** The report's last line: how many operations passed, failed and were skipped, and in how many seconds. */
export function summary(report: ContractReport): string {
  const count = (outcome: OperationResult["outcome"]) =>
    report.results.filter((r) => r.outcome === outcome).length;
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `${report.results.length} operations: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped in ${seconds} s`;
}

// A list whose every item broke one rule would bury the other operations: the log shows this many
// problems of an operation and counts the rest; the JUnit file and `runContract`'s result keep them all.
const PROBLEMS_SHOWN = 20;

/** The report for a terminal or a CI log: one line per operation, then its problems and notes. */
export function formatReport(report: ContractReport, secrets: readonly string[] = []): string {
  const lines = [`kapso-contract against ${report.baseUrl}`];
  for (const result of report.results) {
    lines.push(headline(result));
    for (const problem of result.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`    ${problemLine(problem)}`);
    const hidden = result.problems.length - PROBLEMS_SHOWN;
    if (hidden > 0) lines.push(`    ... and ${hidden} more (all of them are in --junit)`);
    // Notes of a passing operation are detail; a skipped one's note is its reason.
    if (result.outcome === "skipped") for (const note of result.notes) lines.push(`    ${note}`);
  }
  lines.push(summary(report));
  return redact(`${lines.join("\n")}\n`, secrets);
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot carry at all, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the ones being removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
  );
}

/** JUnit XML: one testcase per operation, a failure per failed one, a skipped element with its reason. */
export function junitReport(report: ContractReport, secrets: readonly string[] = []): string {
  const count = (outcome: OperationResult["outcome"]) =>
    report.results.filter((r) => r.outcome === outcome).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.results.map((result) => {
    const open = `  <testcase classname="kapso-contract" name="${xml(`${result.operationId} ${result.method} ${result.path}`)}" time="${seconds(result.durationMs)}"`;
    if (result.outcome === "skipped") {
      return `${open}>\n    <skipped message="${xml(result.notes.join("; "))}"/>\n  </testcase>`;
    }
    // Where the ids came from and why no second page was asked for, for whoever reads a CI run.
    const notes = result.notes.length ? `\n    <system-out>${xml(result.notes.join("\n"))}</system-out>` : "";
    if (result.outcome === "passed") return notes ? `${open}>${notes}\n  </testcase>` : `${open}/>`;
    const first = result.problems[0] ? problemLine(result.problems[0]) : "failed";
    const detail = result.problems.map(problemLine).join("\n");
    return `${open}>\n    <failure message="${xml(first)}" type="ContractViolation">${xml(detail)}</failure>${notes}\n  </testcase>`;
  });
  const suite = `<testsuite name="kapso-contract" tests="${report.results.length}" failures="${count("failed")}" errors="0" skipped="${count("skipped")}" time="${seconds(report.durationMs)}">`;
  return redact(
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suite}\n${cases.join("\n")}\n</testsuite>\n</testsuites>\n`,
    secrets,
  );
}
