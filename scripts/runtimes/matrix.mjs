#!/usr/bin/env node
// The runtime matrix: one smoke (./smoke.mjs) run on Node, Bun, Deno and workerd against the packed
// packages, installed into a project outside the workspace, and one loopback server started here.
// Bun, Deno and workerd (through miniflare) come from the repository's devDependencies, so a runtime
// that does not start is a failure of this check, never a skip. Prints one timing line per runtime.
//
//   node scripts/runtimes/matrix.mjs [--only=node,deno] [--keep]
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { json, listFixture, startLoopbackServer } from "@kapso/test-support";
import { root } from "../lib/ensure-built.mjs";
import { installProject, packPackages } from "../lib/pack.mjs";

const PACKAGES = ["types", "client", "pagination", "webhooks"];
const SMOKE_FILES = ["smoke.mjs", "main.mjs", "worker.mjs"];
// A runtime that has not answered by then is hung: it fails instead of stalling `pnpm test`.
const RUNTIME_DEADLINE_MS = 30_000;
const API_KEY = "runtime-matrix-key";
const WEBHOOK_SECRET = "runtime-matrix-webhook-secret";
// What the smoke must have sent to each route: the walk's three pages, the 503 and its retry, and
// one request each for the rest.
const EXPECTED_REQUESTS = { "/items": 3, "/flaky": 2, "/missing": 1, "/hang": 1, "/delivery": 1 };

const requireFromRoot = createRequire(join(root, "package.json"));
const here = dirname(fileURLToPath(import.meta.url));

/** How each runtime is run: a binary and its arguments for the smoke's entry, or a Worker. */
const RUNTIMES = [
  { name: "node", binary: process.execPath, args: ["main.mjs"] },
  // The npm packages' postinstall links their platform package's binary here (see
  // onlyBuiltDependencies in pnpm-workspace.yaml); calling it directly skips a Node wrapper.
  { name: "bun", binary: join(root, "node_modules/bun/bin/bun.exe"), args: ["--no-install", "main.mjs"] },
  {
    name: "deno",
    binary: join(root, "node_modules/deno/deno"),
    args: ["run", "--allow-net=127.0.0.1", "--no-lock", "main.mjs"],
  },
  { name: "workerd", worker: true },
];

const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const only = argValue("only")?.split(",");
const keep = process.argv.includes("--keep");
const selected = RUNTIMES.filter((runtime) => !only || only.includes(runtime.name));
if (selected.length === 0) {
  console.error(`--only names no runtime; known: ${RUNTIMES.map((runtime) => runtime.name).join(", ")}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "kapso-runtimes-"));
const server = await startLoopbackServer(routes());
let failures = 0;
try {
  const setupStarted = Date.now();
  const project = smokeProject(work);
  console.log(
    `packed and installed ${PACKAGES.map((name) => `@kapso/${name}`).join(", ")} in ${Date.now() - setupStarted} ms`,
  );

  const rows = [];
  for (const runtime of selected) {
    const config = {
      baseUrl: server.origin,
      runtime: runtime.name,
      apiKey: API_KEY,
      webhookSecret: WEBHOOK_SECRET,
    };
    const started = Date.now();
    let outcome;
    try {
      outcome = runtime.worker
        ? await runOnWorkerd(project, config)
        : await runSpawned(runtime, project, config);
    } catch (error) {
      outcome = { version: "?", error: error instanceof Error ? error.message : String(error) };
    }
    const wallMs = Date.now() - started;
    const problems = outcome.error ? [outcome.error] : serverSideProblems(runtime.name);
    if (problems.length > 0) failures++;
    rows.push({
      runtime: runtime.name,
      version: outcome.version,
      wallMs,
      checks: outcome.checks ?? [],
      problems,
    });
  }
  printTable(rows);
} finally {
  await server.close();
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`runtime matrix: ${failures} of ${selected.length} runtimes failed`);
  process.exit(1);
}
console.log(`runtime matrix: ${selected.map((runtime) => runtime.name).join(", ")} passed`);

/** A project outside the workspace with the packed packages installed, and the smoke files beside them. */
function smokeProject(dir) {
  const tarballs = packPackages(PACKAGES, dir);
  const project = join(dir, "project");
  mkdirSync(project);
  installProject(project, [...tarballs.values()], { private: true, type: "module" });
  for (const file of SMOKE_FILES) copyFileSync(join(here, file), join(project, file));
  return project;
}

/** The loopback routes the smoke calls; anything else is the shared cursor-list fixture. */
function routes() {
  const list = listFixture();
  const flakyAttempts = new Map();
  return (request, res, attempt) => {
    const runtime = String(request.headers["x-smoke-runtime"]);
    switch (request.path) {
      case "/flaky": {
        const count = (flakyAttempts.get(runtime) ?? 0) + 1;
        flakyAttempts.set(runtime, count);
        if (count === 1) {
          json(res, 503, { error: "unavailable", message: "Try again" }, { "retry-after": "0" });
        } else {
          json(res, 200, { attempt: count });
        }
        return;
      }
      case "/missing":
        json(res, 404, { error: "not_found", message: "No such thing" });
        return;
      case "/hang":
        // Never answers: only the client's timeout ends this request.
        return;
      case "/delivery":
        json(res, 200, signedDelivery(runtime));
        return;
      default:
        list(request, res, attempt);
    }
  };
}

/** A webhook delivery as Kapso sends it, signed here with node:crypto for the runtime to verify. */
function signedDelivery(runtime) {
  const messageId = `wamid.matrix-${runtime}`;
  const body = JSON.stringify({
    message: { id: messageId, type: "text", text: { body: "hello" } },
    phone_number_id: "1234567890",
  });
  const signature = createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex");
  return {
    body,
    messageId,
    headers: {
      "Content-Type": "application/json",
      "X-Webhook-Signature": signature,
      "X-Webhook-Event": "whatsapp.message.received",
      "X-Webhook-Payload-Version": "v2",
    },
  };
}

/** What the server saw of one runtime's requests that the smoke itself cannot see. */
function serverSideProblems(runtime) {
  const requests = server.requests.filter((request) => request.headers["x-smoke-runtime"] === runtime);
  const problems = [];
  const withoutKey = requests.filter((request) => request.headers["x-api-key"] !== API_KEY);
  if (withoutKey.length > 0) problems.push(`${withoutKey.length} requests without the API key`);
  for (const [path, expected] of Object.entries(EXPECTED_REQUESTS)) {
    const count = requests.filter((request) => request.path === path).length;
    if (count !== expected) problems.push(`${count} requests to ${path}, expected ${expected}`);
  }
  return problems;
}

/** Runs the smoke's entry in a child process and reads the JSON line it prints. */
async function runSpawned(runtime, project, config) {
  if (!existsSync(runtime.binary)) {
    throw new Error(
      `${runtime.binary} does not exist: is the ${runtime.name} devDependency installed, with its postinstall allowed?`,
    );
  }
  const version = versionIn((await runProcess(runtime.binary, ["--version"], project)).stdout);
  const { code, stdout, stderr } = await runProcess(
    runtime.binary,
    [...runtime.args, JSON.stringify(config)],
    project,
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    throw new Error(`exited with code ${code} without a result: ${(stderr || stdout).trim().slice(-800)}`);
  }
  if (result.error) return { version, error: result.error };
  if (code !== 0) return { version, error: `exited with code ${code}: ${stderr.trim().slice(-800)}` };
  return { version, checks: result.checks };
}

function runProcess(binary, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), RUNTIME_DEADLINE_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${binary} could not start: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`killed by ${signal} (no result within ${RUNTIME_DEADLINE_MS} ms?)`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Bundles the Worker entry with the installed packages and runs it in workerd through miniflare. */
async function runOnWorkerd(project, config) {
  const { Miniflare } = await import(requireFromRoot.resolve("miniflare"));
  const esbuild = await import(requireFromRoot.resolve("esbuild"));
  const workerdVersion = JSON.parse(
    readFileSync(createRequire(requireFromRoot.resolve("miniflare")).resolve("workerd/package.json"), "utf8"),
  ).version;
  const bundle = await esbuild.build({
    entryPoints: [join(project, "worker.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    logLevel: "warning",
  });
  const miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    // No nodejs_compat flag: the packages must run on plain Workers APIs.
    compatibilityDate: "2025-07-01",
    bindings: { SMOKE_CONFIG: JSON.stringify(config) },
  });
  let deadline;
  try {
    const response = await Promise.race([
      miniflare.dispatchFetch("http://smoke.local/"),
      new Promise((_, reject) => {
        deadline = setTimeout(
          () => reject(new Error(`no answer within ${RUNTIME_DEADLINE_MS} ms`)),
          RUNTIME_DEADLINE_MS,
        );
      }),
    ]);
    const result = await response.json();
    if (result.error) return { version: workerdVersion, error: result.error };
    return { version: workerdVersion, checks: result.checks };
  } finally {
    clearTimeout(deadline);
    await miniflare.dispose();
  }
}

/** The first version number in a runtime's `--version` output ("deno 2.9.6 (stable, ...)" gives 2.9.6). */
function versionIn(output) {
  return /\d+\.\d+\.\d+[^\s]*/.exec(output)?.[0] ?? output.trim();
}

function printTable(rows) {
  const names = rows[0]?.checks.map((check) => check.name) ?? [];
  console.log("\nruntime   version        total ms  smoke ms  result");
  for (const row of rows) {
    const smokeMs = row.checks.reduce((sum, check) => sum + check.ms, 0);
    const result =
      row.problems.length === 0
        ? `passed (${row.checks.length} checks)`
        : `FAILED: ${row.problems.join("; ")}`;
    console.log(
      `${row.runtime.padEnd(9)} ${String(row.version).padEnd(14)} ${String(row.wallMs).padStart(8)}  ${String(row.problems.length === 0 ? smokeMs : "-").padStart(8)}  ${result}`,
    );
  }
  if (names.length > 0) console.log(`checks: ${names.join(", ")}`);
}
