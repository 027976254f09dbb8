// The release gate end to end: `spec:diff --require-changeset` run in a clone of this repository
// whose shipped bundle is larger than 1 MiB (execFileSync's default output limit, which once made
// the base unreadable and every change look new) and whose spec then loses an operation and an
// optional response property.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { root } from "./lib/spec.mjs";

const script = join(root, "scripts/spec-diff.mjs");
const MiB = 1024 * 1024;
let clone;
let base;

const git = (...args) =>
  execFileSync("git", args, {
    cwd: clone,
    encoding: "utf8",
    maxBuffer: 64 * MiB,
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
const specDiff = (...args) =>
  spawnSync(process.execPath, [script, ...args], { cwd: clone, encoding: "utf8", timeout: 120_000 });

function editYaml(path, edit) {
  const file = join(clone, path);
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit(doc);
  writeFileSync(file, doc.toString());
}

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "kapso-spec-diff-"));
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "spec-diff test");
  // The clone has the committed tree; the base gets today's bundle (uncommitted edits included),
  // padded past 1 MiB whatever size the spec has when this runs.
  const shipped = JSON.parse(readFileSync(join(root, "packages/types/openapi.json"), "utf8"));
  shipped.info["x-padding"] = "x".repeat(MiB + 1);
  writeFileSync(join(clone, "packages/types/openapi.json"), JSON.stringify(shipped, null, 2));
  git("add", "-A");
  git("commit", "--quiet", "--allow-empty", "-m", "base: a shipped bundle over 1 MiB");
  base = git("rev-parse", "HEAD");

  editYaml("spec/openapi.yaml", (doc) => doc.deleteIn(["paths", "/provider_models"]));
  editYaml("spec/components/schemas/WorkflowExecutionSummary.yaml", (doc) =>
    doc.deleteIn(["properties", "tracking_id"]),
  );
  git("commit", "--quiet", "-am", "remove an operation and an optional response property");
}, 120_000);

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe("spec:diff on a base over 1 MiB", () => {
  it("reads the base (the premise: its bundle is over 1 MiB)", () => {
    const size = Buffer.byteLength(git("show", `${base}:packages/types/openapi.json`));
    expect(size).toBeGreaterThan(MiB);
  });

  it("reports the removed operation and the removed optional property as breaking", () => {
    const result = specDiff(base);
    expect(result.stdout).not.toContain("everything is new");
    expect(result.stdout).toContain("BREAKING      GET /provider_models: operation removed");
    expect(result.stdout).toMatch(
      /BREAKING {6}GET \/workflows\/\{workflow_id\}\/executions 200 \.data\[\] \.tracking_id: property removed/,
    );
    expect(result.stdout).not.toContain("operation added");
    expect(result.status).toBe(0);
  });

  it("fails --require-changeset without a major changeset for @kapso/types, passes with one", () => {
    // Pending changesets of this repository may already hold a major one; the clone starts without.
    for (const name of readdirSync(join(clone, ".changeset"))) {
      if (name.endsWith(".md") && name !== "README.md") rmSync(join(clone, ".changeset", name));
    }
    const without = specDiff(base, "--require-changeset");
    expect(without.status).toBe(1);
    expect(without.stderr).toContain("need a major changeset for @kapso/types");

    writeFileSync(
      join(clone, ".changeset/remove-provider-models.md"),
      '---\n"@kapso/types": major\n---\n\nThe provider models list is gone.\n',
    );
    const withMajor = specDiff(base, "--require-changeset");
    expect(withMajor.status).toBe(0);
    rmSync(join(clone, ".changeset/remove-provider-models.md"));
  });

  it("refuses a ref that is not a commit", () => {
    const result = specDiff("no-such-ref");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no-such-ref is not a commit");
  });

  it("names the ref and the cause when a base's bundle cannot be read, instead of calling everything new", () => {
    const branch = git("rev-parse", "--abbrev-ref", "HEAD");
    git("checkout", "--quiet", "-b", "broken-bundle", base);
    writeFileSync(join(clone, "packages/types/openapi.json"), '{"openapi": "3.1.0", "paths": {');
    git("commit", "--quiet", "-am", "a truncated bundle");
    git("checkout", "--quiet", branch);
    const result = specDiff("broken-bundle");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/could not read packages\/types\/openapi\.json at broken-bundle: \S/);
    expect(result.stdout).not.toContain("everything is new");
  });
});
