// Entry of the smoke on Node, Bun and Deno: the runner passes its config as the one argument and
// reads one JSON line back.
import { runSmoke } from "./smoke.mjs";

const args = globalThis.Deno?.args ?? process.argv.slice(2);
try {
  const checks = await runSmoke(JSON.parse(args[0]));
  console.log(JSON.stringify({ checks }));
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  // Deno's own exit code; Node and Bun read process.exitCode.
  if (globalThis.Deno) globalThis.Deno.exitCode = 1;
  else process.exitCode = 1;
}
