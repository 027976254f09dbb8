import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_BASE_URL, KapsoConfigError } from "@kapso/client";
import { type KapsoMock, startKapsoMock } from "@kapso/mock";
import { formatReport, junitReport, redact } from "./report.js";
import { type ContractOptions, runContract } from "./run.js";
import { type Document, loadSpec, shippedSpecPath } from "./spec.js";

const HELP = `kapso-contract: call every read-only (GET) operation of the Kapso Platform API and check each
answer against the OpenAPI document.

Usage: kapso-contract [options]

Target (default: an embedded mock of the spec, started and stopped by the run):
  --base-url <url>     Check the API at this URL instead (a mock you run, a staging deployment).
  --live               Check the real API, ${DEFAULT_BASE_URL} (or --base-url),
                       with the key in KAPSO_API_KEY. Path ids are taken from the first item of
                       the list each path belongs under; an operation without one is skipped,
                       with the reason in the report.

Options:
  --spec <file>        Hold the answers to this bundled OpenAPI document (.json, .yaml or .yml).
                       Default: the one shipped in @kapso/types. The embedded mock serves it too.
  --junit <file>       Also write a JUnit XML report (one testcase per operation) to <file>.
  --rps <n>            At most n requests a second, retries included. Default: 2 against
                       --live or --base-url, no cap against the embedded mock. 0 turns it off.
  --param <name=value> Value for a path or query parameter, before any example or discovered
                       id. Repeatable: --param workflow_id=... --param execution_id=...
  --only <operationId> Run only these operations (repeatable, or comma-separated).
  --timeout <ms>       Limit for one attempt. Default: 30000.
  --allow-writes       Not supported yet: the run only sends GET requests.
  -h, --help           Show this help.

Rate limits: a 429 is retried after its Retry-After (up to 60 s, twice), like any other request
made with @kapso/client.

Environment:
  KAPSO_API_KEY        The key sent as X-API-Key: required with --live, used with --base-url when
                       set. It never appears in the report, the JUnit file or an error.

Exit status: 0 when every operation run passed (skipped ones do not fail the run), 1 when any
failed or the run could not start, 2 on bad usage.
`;

// A key the embedded mock (or a mock behind --base-url) accepts: Prism only checks there is one.
const MOCK_API_KEY = "kapso-contract-mock-key";

class UsageError extends Error {}

interface Parsed {
  options: Omit<ContractOptions, "baseUrl" | "spec"> & { baseUrl?: string };
  specPath: string;
  junit?: string;
}

function parse(argv: string[], env: NodeJS.ProcessEnv): Parsed | "help" {
  let values: ReturnType<typeof parseOptions>["values"];
  try {
    ({ values } = parseOptions(argv));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  if (values["allow-writes"]) {
    throw new UsageError(
      "--allow-writes is not supported yet: kapso-contract only runs the read-only (GET) operations",
    );
  }
  const key = env.KAPSO_API_KEY?.trim();
  if (values.live && !key) throw new UsageError("--live needs the API key in KAPSO_API_KEY");
  const external = values.live || values["base-url"] !== undefined;
  const rps = values.rps === undefined ? (external ? 2 : 0) : Number(values.rps);
  if (!Number.isFinite(rps) || rps < 0) {
    throw new UsageError(
      `--rps must be a number of requests a second (0 for no cap), got ${JSON.stringify(values.rps)}`,
    );
  }
  const timeoutMs = values.timeout === undefined ? 30_000 : Number(values.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(
      `--timeout must be a positive number of milliseconds, got ${JSON.stringify(values.timeout)}`,
    );
  }
  const params: Record<string, string> = {};
  for (const pair of values.param ?? []) {
    const match = /^([^=]+)=(.*)$/s.exec(pair);
    if (!match?.[1] || match[2] === undefined) {
      throw new UsageError(`--param must be name=value, got ${JSON.stringify(pair)}`);
    }
    params[match[1]] = match[2];
  }
  const only = (values.only ?? [])
    .flatMap((list) => list.split(","))
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    options: {
      ...(values.live ? { baseUrl: values["base-url"] ?? DEFAULT_BASE_URL } : {}),
      ...(values["base-url"] !== undefined ? { baseUrl: values["base-url"] } : {}),
      apiKey: key || MOCK_API_KEY,
      ids: values.live ? "discover" : "examples",
      rps,
      params,
      only,
      timeoutMs,
    },
    specPath: values.spec ? resolve(values.spec) : shippedSpecPath(),
    ...(values.junit ? { junit: resolve(values.junit) } : {}),
  };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      "base-url": { type: "string" },
      live: { type: "boolean" },
      spec: { type: "string" },
      junit: { type: "string" },
      rps: { type: "string" },
      param: { type: "string", multiple: true },
      only: { type: "string", multiple: true },
      timeout: { type: "string" },
      "allow-writes": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** Whether a document describes Kapso's Meta proxy: its server is under `/meta/whatsapp`. */
function isWhatsAppDocument(spec: Document): boolean {
  const servers = (spec as { servers?: Array<{ url?: unknown }> }).servers ?? [];
  return servers.some((server) => typeof server.url === "string" && server.url.includes("/meta/whatsapp"));
}

function checkOnly(spec: Document, only: string[] | undefined, specPath: string): void {
  if (!only?.length) return;
  const gets = new Set<string>();
  for (const [, item] of Object.entries(spec.paths ?? {})) {
    const op = (item as { get?: { operationId?: string } }).get;
    if (op?.operationId) gets.add(op.operationId);
  }
  const unknown = only.filter((id) => !gets.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`--only names no GET operation of ${specPath}: ${unknown.join(", ")}`);
  }
}

/** Runs the command; resolves with the exit status. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const secrets = [env.KAPSO_API_KEY?.trim() ?? ""];
  let mock: KapsoMock | undefined;
  try {
    const parsed = parse(argv, env);
    if (parsed === "help") {
      process.stdout.write(HELP);
      return 0;
    }
    let spec: Document;
    try {
      spec = loadSpec(parsed.specPath);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    checkOnly(spec, parsed.options.only, parsed.specPath);
    let baseUrl = parsed.options.baseUrl;
    if (baseUrl === undefined) {
      // The embedded mock serves the document as the API it describes, and only that one.
      const whatsapp = isWhatsAppDocument(spec);
      mock = await startKapsoMock(
        whatsapp
          ? { apis: ["whatsapp"], whatsappSpecPath: parsed.specPath }
          : { apis: ["platform"], specPath: parsed.specPath },
      );
      baseUrl = whatsapp ? mock.whatsappUrl : mock.url;
      process.stdout.write(`embedded mock of ${parsed.specPath} at ${baseUrl}\n`);
    }
    const report = await runContract({ ...parsed.options, baseUrl, spec });
    process.stdout.write(formatReport(report, secrets));
    if (parsed.junit) {
      // CI configs name a report folder that a fresh checkout does not have yet.
      mkdirSync(dirname(parsed.junit), { recursive: true });
      writeFileSync(parsed.junit, junitReport(report, secrets));
    }
    return report.results.some((result) => result.outcome === "failed") ? 1 : 0;
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), secrets);
    // A client option the client refuses (a plain-http base URL, say) is a usage error too.
    if (error instanceof UsageError || error instanceof KapsoConfigError) {
      process.stderr.write(`kapso-contract: ${message}\nRun kapso-contract --help for the options.\n`);
      return 2;
    }
    process.stderr.write(`kapso-contract: ${message}\n`);
    return 1;
  } finally {
    await mock?.close();
  }
}

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
