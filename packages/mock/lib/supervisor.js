// @ts-check
// Runs between the process that called startKapsoMock() and Prism, as its own small process.
//
// Why a separate process: the caller can die in ways that run none of its code (SIGKILL, an OOM
// kill, a test runner killed from outside). The one thing the operating system always does then is
// close the caller's end of this process's stdin pipe; this process watches for that and takes
// Prism down with it, so no mock is ever left listening in the background.
//
// It also fronts Prism with a small HTTP proxy. Prism answers a request that fails validation with
// the spec's documented 422 example, whose message describes some other problem; the proxy puts
// Prism's own description of what was wrong (the `sl-violations` header) into `message` instead.
//
// Protocol: argv[2] is a JSON config; one JSON line on stdout reports `ready` or `error`.
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";

/**
 * @typedef {object} SupervisorConfig
 * @property {string} prismBin
 * @property {string} specPath
 * @property {string} host
 * @property {number} port
 * @property {boolean} dynamic
 * @property {boolean} rawErrors
 * @property {number} startTimeoutMs
 */

/** @type {SupervisorConfig} */
const config = JSON.parse(process.argv[2] ?? "{}");
const OUTPUT_LINES_KEPT = 40;
const PORT_ATTEMPTS = 3;
const RESTART_GRACE_MS = 5000;

/** Prism's log (stdout) and its stderr, kept apart: on a crash stderr opens with the CLI's help text. */
/** @type {string[]} */
const log = [];
/** @type {string[]} */
const stderr = [];
/** @type {import("node:child_process").ChildProcess | undefined} */
let prism;
let prismPort = 0;
let ready = false;
let stopping = false;

const upstreamAgent = new http.Agent({ keepAlive: true });
const server = http.createServer(forward);

/** @param {object} message */
function report(message) {
  try {
    process.stdout.write(`${JSON.stringify(message)}\n`);
  } catch {
    // The parent is gone; the stdin watch below handles that.
  }
}
process.stdout.on("error", () => {});

/** @param {string[]} lines @param {Buffer} chunk */
function keep(lines, chunk) {
  // Prism colours its log when it thinks it has a terminal; these lines end up in error messages.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escape sequences
  const text = chunk.toString("utf8").replace(/\u001b\[[0-9;]*m/g, "");
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    lines.push(line);
    if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
  }
}

/** What to show of Prism's output when it fails: the fatal log lines, then the start of the error. */
function diagnostics() {
  const fatal = log
    .filter((line) => line.includes("fatal"))
    .map((line) => line.replace(/^.*fatal\s+/, "").trim());
  const errorStart = stderr.findIndex((line) => /^(\{|\w*Error\b)/.test(line));
  return {
    fatal,
    output: [
      ...log.slice(-8),
      ...(errorStart >= 0 ? stderr.slice(errorStart, errorStart + 6) : stderr.slice(-6)),
    ],
  };
}

/** @returns {Promise<number>} */
function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {number} port @returns {Promise<boolean>} */
function prismAnswers(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * Starts Prism on a free loopback port and resolves once it answers HTTP.
 * @param {number} deadline
 * @returns {Promise<void>}
 */
async function startPrism(deadline) {
  for (let attempt = 1; ; attempt++) {
    prismPort = await freeLoopbackPort();
    const args = [
      config.prismBin,
      "mock",
      config.specPath,
      "--host",
      "127.0.0.1",
      "--port",
      String(prismPort),
    ];
    if (config.dynamic) args.push("--dynamic");
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    prism = child;
    child.stdout?.on("data", (chunk) => keep(log, chunk));
    child.stderr?.on("data", (chunk) => keep(stderr, chunk));

    /** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
    let exited;
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      if (ready && !stopping) {
        report({ type: "exited", code, signal, ...diagnostics() });
        stop(1);
      }
    });
    child.once("error", (error) => {
      exited = { code: null, signal: null };
      stderr.push(`Error: could not spawn Prism: ${error.message}`);
    });

    while (!exited) {
      if (Date.now() > deadline) {
        throw new Error(`Prism did not answer within ${config.startTimeoutMs} ms`);
      }
      if (await prismAnswers(prismPort)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Another process may have taken the probed port between the probe and Prism's listen.
    const portTaken = [...log, ...stderr].some((line) => line.includes("EADDRINUSE"));
    if (!portTaken || attempt >= PORT_ATTEMPTS) {
      const how = exited.signal ? `was killed by ${exited.signal}` : `exited with code ${exited.code}`;
      throw new Error(`Prism ${how} before it was ready`);
    }
  }
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function forward(req, res) {
  // The body is kept so the request can be sent again: Prism restarts itself when the spec file
  // changes, and for that moment its port refuses connections.
  /** @type {Buffer[]} */
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => send(req, res, Buffer.concat(chunks), Date.now() + RESTART_GRACE_MS));
}

/**
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Buffer} body
 * @param {number} retryUntil
 */
function send(req, res, body, retryUntil) {
  const upstream = http.request(
    {
      host: "127.0.0.1",
      port: prismPort,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: upstreamAgent,
    },
    (answer) => {
      answered = true;
      relay(answer, res);
    },
  );
  let answered = false;
  upstream.on("error", (error) => {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    // Refused: Prism is between servers. Reset before any answer: it closed a kept-alive socket
    // while restarting. A mock keeps no state, so sending the request again is harmless.
    const restarting = code === "ECONNREFUSED" || code === "ECONNRESET";
    if (restarting && !answered && Date.now() < retryUntil && !stopping) {
      setTimeout(() => send(req, res, body, retryUntil), 100);
      return;
    }
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: "Bad gateway",
        message: `Kapso mock: Prism did not answer (${error.message})`,
      }),
    );
  });
  upstream.end(body);
}

/** @param {http.IncomingMessage} answer @param {http.ServerResponse} res */
function relay(answer, res) {
  const status = answer.statusCode ?? 502;
  const json = String(answer.headers["content-type"] ?? "").includes("json");
  if (config.rawErrors || (status !== 400 && status !== 422) || !json) {
    res.writeHead(status, answer.headers);
    answer.pipe(res);
    return;
  }
  /** @type {Buffer[]} */
  const chunks = [];
  answer.on("data", (chunk) => chunks.push(chunk));
  answer.on("end", () => {
    const header = answer.headers["sl-violations"];
    const body = explainViolations(Buffer.concat(chunks), typeof header === "string" ? header : undefined);
    const headers = { ...answer.headers, "content-length": String(body.length) };
    delete headers["transfer-encoding"];
    res.writeHead(status, headers);
    res.end(body);
  });
}

/** @typedef {{ location?: string[], severity?: string, message?: string }} Violation */

/** @param {Violation[]} violations */
function summarize(violations) {
  return violations
    .filter((v) => v.severity === "Error" && v.message)
    .map((v) => v.message)
    .join("; ");
}

/**
 * Two shapes reach here. With a documented 400/422, Prism sends its example and lists what was wrong
 * in the `sl-violations` header: that list replaces the example's `message`. Without one, Prism sends
 * its own problem document, whose `detail` is generic and whose `validation` array says what was
 * wrong: that list replaces `detail`.
 * @param {Buffer} body
 * @param {string | undefined} header
 * @returns {Buffer}
 */
function explainViolations(body, header) {
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return body;
    if (Array.isArray(parsed.validation)) {
      const detail = summarize(parsed.validation);
      return detail ? Buffer.from(JSON.stringify({ ...parsed, detail })) : body;
    }
    if (header === undefined) return body;
    /** @type {Violation[]} */
    const violations = JSON.parse(header);
    const message = summarize(violations.filter((v) => v.location?.[0] === "request"));
    return message ? Buffer.from(JSON.stringify({ ...parsed, message })) : body;
  } catch {
    return body;
  }
}

/** @param {number} code */
function stop(code) {
  if (stopping) return;
  stopping = true;
  server.close();
  upstreamAgent.destroy();
  const child = prism;
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    process.exit(code);
  }
  // Prism normally stops within milliseconds of SIGTERM; SIGKILL covers a hung one.
  const force = setTimeout(() => child.kill("SIGKILL"), 2000);
  child.once("exit", () => {
    clearTimeout(force);
    process.exit(code);
  });
  child.kill("SIGTERM");
}

process.stdin.on("end", () => stop(0));
process.stdin.on("close", () => stop(0));
process.stdin.on("error", () => stop(0));
process.stdin.resume();
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => stop(0));
}

async function main() {
  const deadline = Date.now() + config.startTimeoutMs;
  // Listening first makes a taken public port fail fast, before Prism is even started.
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve(undefined));
  });
  server.on("error", () => {});
  await startPrism(deadline);
  ready = true;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  report({ type: "ready", port, prismPid: prism?.pid });
}

main().catch((error) => {
  report({
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    ...diagnostics(),
  });
  stop(1);
});
