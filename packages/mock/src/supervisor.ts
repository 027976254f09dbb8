// The supervisor process: started by startKapsoMock(), it runs Prism behind the mock's proxy and
// takes Prism down when its parent goes away (watchdog.ts says why it is a process of its own).
// It speaks to its parent in the messages of protocol.ts.
import { SpecFileExampleChains } from "./example-chains.js";
import { PrismProcess } from "./prism-process.js";
import { encodeMessage, parseConfig, type SupervisorMessage } from "./protocol.js";
import { MockProxy } from "./proxy.js";
import { watchParent } from "./watchdog.js";

const config = parseConfig(process.argv[2]);
const prism = new PrismProcess(config);
const proxy = new MockProxy({
  upstream: prism,
  rawErrors: config.rawErrors,
  exampleChains: config.exampleChains ? new SpecFileExampleChains(config.specPath) : undefined,
});
let stopping = false;

function report(message: SupervisorMessage): void {
  try {
    process.stdout.write(encodeMessage(message));
  } catch {
    // The parent is gone; the watchdog handles that.
  }
}
process.stdout.on("error", () => {});

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  proxy.close();
  await prism.stop();
  process.exit(exitCode);
}

async function main(): Promise<void> {
  watchParent(() => void stop(0));
  // Listening first makes a taken public port fail fast, before Prism is even started.
  const port = await proxy.listen(config.port, config.host);
  // After a crash the proxy stays up, answering each request with what happened, until close().
  prism.onUnexpectedExit((exit) => report({ type: "exited", ...exit }));
  await prism.start();
  report({ type: "ready", port, prismPid: prism.pid });
}

main().catch((error: unknown) => {
  report({
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    ...prism.diagnostics(),
  });
  void stop(1);
});
