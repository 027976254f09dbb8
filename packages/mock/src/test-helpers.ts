import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Resolves once `pid` has exited. A process that is not our child sends no exit event, so this asks
 * every 50 ms; how long it may take is left to the test's timeout, since a loaded machine can take
 * seconds to tear a Prism down.
 */
export async function waitUntilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * A parent script that uses the built package, as a user's process would. It sits one level below
 * the package root, like src/ and dist/.
 */
function writeParentScript(): string {
  const dir = join(packageDir, ".tmp");
  mkdirSync(dir, { recursive: true });
  const parent = join(dir, "parent.js");
  writeFileSync(
    parent,
    [
      'import { startKapsoMock } from "../dist/index.js";',
      "const mock = await startKapsoMock();",
      'process.stdout.write(JSON.stringify({ pids: Object.values(mock.pids), url: mock.url }) + "\\n");',
      'if (process.argv[2] === "exit") process.exit(0);',
      "setInterval(() => {}, 60_000);",
    ].join("\n"),
  );
  return parent;
}

/** A Node process that starts a mock and never closes it; the test then kills it (or lets it exit). */
export function startParent(how: string): {
  parent: ChildProcess;
  started: Promise<{ pids: number[]; url: string }>;
} {
  const parent = spawn(process.execPath, [writeParentScript(), how], { stdio: ["ignore", "pipe", "pipe"] });
  const started = new Promise<{ pids: number[]; url: string }>((resolve, reject) => {
    let out = "";
    let err = "";
    parent.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(JSON.parse(line));
    });
    parent.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    parent.once("exit", (code) => {
      if (!out.includes("\n"))
        reject(new Error(`parent exited with ${code} before starting the mock:\n${err}`));
    });
  });
  return { parent, started };
}

/** Every process below `pid`, from `ps` (Linux and macOS): what an orphaned Prism would show up in. */
export function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  const children = new Map<number, number[]>();
  for (const line of table.trim().split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = children.get(queue.shift() ?? -1) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** The built `kapso-mock` bin on a free port; `started` resolves with the two URLs it prints. */
export function startCli(): {
  cli: ChildProcess;
  started: Promise<{ url: string; whatsappUrl: string }>;
} {
  const cli = spawn(process.execPath, [join(packageDir, "bin", "kapso-mock.js"), "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = new Promise<{ url: string; whatsappUrl: string }>((resolve, reject) => {
    let out = "";
    let err = "";
    cli.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const whatsappUrl = /WhatsApp API: (http:\/\/\S+)/.exec(out)?.[1];
      if (url && whatsappUrl) resolve({ url, whatsappUrl });
    });
    cli.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    cli.once("exit", (code) => reject(new Error(`kapso-mock exited with ${code} before listening:\n${err}`)));
  });
  return { cli, started };
}

/** A GET operation for a test document whose 200 answer has the given named JSON examples. */
export function getWithExamples<Examples extends Record<string, unknown>>(examples: Examples) {
  return { get: { responses: { "200": { content: { "application/json": { examples } } } } } };
}
