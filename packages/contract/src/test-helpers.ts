/** Runs the built bin as a user would, and proxies the shared mock so a test can change what it answers. */
import { execFile } from "node:child_process";
import type { ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "@kapso/test-support";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(packageDir, "bin", "kapso-contract.js");

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: a proxy in this process must keep answering while the bin runs. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { KAPSO_API_KEY: _inherited, ...parentEnv } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...parentEnv, ...env }, timeout: 100_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: typeof code === "number" ? code : error ? -1 : 0, stdout, stderr });
      },
    );
  });
}

/** What the proxy does with one request: answer it itself, or forward it and maybe change the body. */
export type Rewrite = (
  request: RecordedRequest,
  res: ServerResponse,
  forward: () => Promise<{ status: number; body: unknown }>,
) => Promise<void> | void;

/** A recording loopback server in front of the mock; by default it passes every request through. */
export async function startProxy(mockUrl: string, rewrite?: Rewrite): Promise<LoopbackServer> {
  const server = await startLoopbackServer();
  server.handle((request, res) => {
    const forward = async () => {
      const headers = Object.entries(request.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
      );
      const answer = await fetch(`${mockUrl}${request.url}`, { method: request.method, headers });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : undefined };
    };
    const send = async () => {
      if (rewrite) return rewrite(request, res, forward);
      const { status, body } = await forward();
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    send().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  return server;
}
