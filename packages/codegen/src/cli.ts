// The `kapso-codegen` command. Errors in what it was given (flags, the spec) are one line on stderr
// and exit status 2; `--check` finding stale files is exit status 1, so CI can tell the two apart.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CodegenError } from "./errors.js";
import { staleFiles, writeFiles } from "./files.js";
import { BUNDLE_FILES, generate, TYPE_FILES } from "./generate.js";

const HELP = `Usage: kapso-codegen --spec <file|url> [--spec <file|url> ...] --out <dir> [--bundle] [--check]

Generates TypeScript types for a Kapso-shaped OpenAPI 3.x spec: the one @kapso/types ships, a newer
one from Kapso, or one extended with your own routes. The output works with openapi-fetch and
@kapso/client: import { paths } from "<dir>/index.js".

Options:
  --spec <file|url>  The spec's root file, YAML or JSON, split over files or not, or an http(s) URL.
                     Required. Repeat it to add your own routes on top of Kapso's spec: each
                     later spec adds paths, webhooks, tags and components to the first, and
                     redefining an operation or a different component of the same name is an error.
  --out <dir>        The folder to write into (created if missing): schema.ts (paths, components,
                     operations, webhooks), aliases.ts (a named type per schema, per operation's
                     parameters, request body and response, per webhook payload) and index.ts
                     (re-exports both). Required.
  --bundle           Also write the bundled spec into --out as openapi.json and openapi.yaml.
  --check            Write nothing; compare --out with what the spec produces, and exit 1 naming
                     each file that is missing or stale (run it in CI after the same command
                     without --check).
  -h, --help         Print this help.
  -v, --version      Print the version of kapso-codegen.

Exit status: 0 written or up to date, 1 --check found missing or stale files, 2 a bad flag or a
spec that cannot be read or is not Kapso-shaped.`;

function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        spec: { type: "string", multiple: true },
        out: { type: "string" },
        bundle: { type: "boolean", default: false },
        check: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    }).values;
  } catch (error) {
    // parseArgs names the flag ("Unknown option '--sepc'"); the hint says where the list is.
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodegenError(`${reason.replace(/\. To specify .*$/s, "")} (see kapso-codegen --help)`);
  }
}

/** Runs the command with the given arguments; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const flags = parse(argv);
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (flags.version) {
    console.log(version());
    return 0;
  }
  if (!flags.spec || flags.spec.length === 0)
    throw new CodegenError("--spec <file|url> is required (see kapso-codegen --help)");
  if (!flags.out) throw new CodegenError("--out <dir> is required (see kapso-codegen --help)");
  const { files } = await generate({ spec: flags.spec });
  const names: readonly string[] = flags.bundle ? [...TYPE_FILES, ...BUNDLE_FILES] : TYPE_FILES;
  const selected = Object.fromEntries(
    Object.entries(files).filter(([name]) => names.includes(name)),
  ) as Record<string, string>;
  const out = resolve(flags.out);
  const from = flags.spec.join(" + ");
  if (flags.check) {
    const stale = staleFiles(out, selected);
    if (stale.length > 0) {
      console.error(`kapso-codegen: ${flags.out} is not what ${from} produces:`);
      for (const file of stale)
        console.error(`  ${file.reason === "missing" ? "missing" : "stale"}: ${file.name}`);
      console.error("Run the same command without --check and commit the result.");
      return 1;
    }
    console.log(`kapso-codegen: ${flags.out} is up to date with ${from} (${names.length} files).`);
    return 0;
  }
  writeFiles(out, selected);
  console.log(`kapso-codegen: wrote ${names.join(", ")} to ${flags.out}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Only the first line: a bundler or parser message can quote a page of YAML.
    console.error(`kapso-codegen: ${message.split("\n")[0]}`);
    process.exitCode = 2;
  },
);
