import { parseArgs } from "node:util";
import { runDeliver } from "./deliver-cli.js";
import { defaultSpecPath, defaultWhatsAppSpecPath, type MockApi, startKapsoMock } from "./index.js";

const usage = `Usage: kapso-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--spec <file>] [--whatsapp-spec <file>]
                  [--apis platform,whatsapp] [--raw-errors] [--no-example-chains]

Serves Kapso's Platform API and its Meta proxy (WhatsApp API) through Prism, on one port, until
stopped with Ctrl-C. The Platform API is at the root, the WhatsApp API under /meta/whatsapp/v24.0.
  --port, -p     port to listen on (0 picks a free one)          default 4010
  --host         interface to listen on                          default 127.0.0.1
  --dynamic, -d  invent bodies from the schemas instead of answering with the examples
  --spec         Platform API document to serve                  default: the one in @kapso/types
  --whatsapp-spec
                 WhatsApp API document to serve                  default: @kapso/types/whatsapp/openapi.json
  --apis         the APIs to serve, comma-separated              default: platform,whatsapp
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
      "whatsapp-spec": { type: "string" },
      apis: { type: "string", default: "platform,whatsapp" },
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
  const apis = values.apis.split(",").map((api) => api.trim());
  const unknown = apis.filter((api) => api !== "platform" && api !== "whatsapp");
  if (unknown.length > 0) {
    throw new Error(`--apis takes "platform", "whatsapp" or both, got "${unknown.join(", ")}"`);
  }
  const served = apis as MockApi[];
  const specPath = values.spec ?? defaultSpecPath();
  const whatsappSpecPath = values["whatsapp-spec"] ?? defaultWhatsAppSpecPath();
  const mock = await startKapsoMock({
    port,
    host: values.host,
    dynamic: values.dynamic,
    apis: served,
    specPath,
    whatsappSpecPath,
    rawErrors: values["raw-errors"],
    exampleChains: !values["no-example-chains"],
  });
  const dynamic = values.dynamic ? " (dynamic responses)" : "";
  console.log(`Kapso mock listening on ${mock.url}`);
  if (served.includes("platform")) {
    console.log(`  Platform API: ${mock.url}`);
    console.log(`    spec: ${specPath}${dynamic}`);
  }
  if (served.includes("whatsapp")) {
    console.log(`  WhatsApp API: ${mock.whatsappUrl}`);
    console.log(`    spec: ${whatsappSpecPath}${dynamic}`);
  }
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
