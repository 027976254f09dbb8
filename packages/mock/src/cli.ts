import { parseArgs } from "node:util";
import { runDeliver } from "./deliver-cli.js";
import { defaultSpecPath, startKapsoMock } from "./index.js";

const usage = `Usage: kapso-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--spec <file>] [--raw-errors]
                  [--no-example-chains]

Serves the Kapso Platform API OpenAPI document through Prism until stopped with Ctrl-C.
  --port, -p     port to listen on (0 picks a free one)          default 4010
  --host         interface to listen on                          default 127.0.0.1
  --dynamic, -d  invent bodies from the schemas instead of answering with the examples
  --spec         OpenAPI document to serve                       default: the one in @kapso/types
  --raw-errors   leave Prism's validation errors untouched
  --no-example-chains
                 do not serve the list example a cursor or page number names
Select answers per request with the Prefer header: "Prefer: example=last_page", "Prefer: code=404".

       kapso-mock deliver --url <endpoint> --event <name> --secret <secret>
POSTs a signed test webhook delivery to your endpoint (kapso-mock deliver --help).`;

async function main(): Promise<void> {
  if (process.argv[2] === "deliver") {
    process.exitCode = await runDeliver(process.argv.slice(3));
    return;
  }
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", short: "d", default: false },
      spec: { type: "string" },
      "raw-errors": { type: "boolean", default: false },
      "no-example-chains": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  const specPath = values.spec ?? defaultSpecPath();
  const mock = await startKapsoMock({
    port,
    host: values.host,
    dynamic: values.dynamic,
    specPath,
    rawErrors: values["raw-errors"],
    exampleChains: !values["no-example-chains"],
  });
  console.log(`Kapso mock listening on ${mock.url}`);
  console.log(`  spec: ${specPath}${values.dynamic ? " (dynamic responses)" : ""}`);
  console.log("  stop with Ctrl-C");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await mock.close();
    console.log("Kapso mock stopped");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
