// The supervisor process: started by startKapsoMock(), it runs one Prism per API behind the mock's
// proxy and takes them down when its parent goes away (watchdog.ts says why it is a process of its
// own). It speaks to its parent in the messages of protocol.ts.
import { WHATSAPP_MOUNT } from "./apis.js";
import { SpecFileExampleChains } from "./example-chains.js";
import { PrismProcess } from "./prism-process.js";
import { encodeMessage, type MockApi, parseConfig, type SupervisorMessage } from "./protocol.js";
import { MockProxy } from "./proxy.js";
import { watchParent } from "./watchdog.js";

const config = parseConfig(process.argv[2]);

function served(
  api: MockApi,
): { prism: PrismProcess; chains: SpecFileExampleChains | undefined } | undefined {
  const specPath = config.specPaths[api];
  if (specPath === undefined) return undefined;
  return {
    prism: new PrismProcess({ ...config, specPath }),
    chains: config.exampleChains ? new SpecFileExampleChains(specPath) : undefined,
  };
}

const platform = served("platform");
const whatsapp = served("whatsapp");
const prisms = new Map<MockApi, PrismProcess>();
if (platform) prisms.set("platform", platform.prism);
if (whatsapp) prisms.set("whatsapp", whatsapp.prism);

const proxy = new MockProxy({
  upstream: platform?.prism,
  rawErrors: config.rawErrors,
  exampleChains: platform?.chains,
  mounts: WHATSAPP_MOUNT.map((mount) => ({
    ...mount,
    api: "whatsapp",
    upstream: whatsapp?.prism,
    exampleChains: whatsapp?.chains,
  })),
});
let stopping = false;
/** The Prism whose start failed, for the diagnostics of the error message. */
let failed: PrismProcess | undefined;

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
  await Promise.all([...prisms.values()].map((prism) => prism.stop()));
  process.exit(exitCode);
}

async function main(): Promise<void> {
  watchParent(() => void stop(0));
  // Listening first makes a taken public port fail fast, before Prism is even started.
  const port = await proxy.listen(config.port, config.host);
  // The Prisms start side by side: two APIs take about as long to start as one.
  await Promise.all(
    [...prisms].map(async ([api, prism]) => {
      // After a crash the proxy stays up, answering each request with what happened, until close().
      prism.onUnexpectedExit((exit) => report({ type: "exited", api, ...exit }));
      try {
        await prism.start();
      } catch (error) {
        failed ??= prism;
        throw error;
      }
    }),
  );
  const prismPids: Partial<Record<MockApi, number>> = {};
  for (const [api, prism] of prisms) prismPids[api] = prism.pid;
  report({ type: "ready", port, prismPids });
}

main().catch((error: unknown) => {
  report({
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    ...(failed?.diagnostics() ?? { fatal: [], output: [] }),
  });
  void stop(1);
});
