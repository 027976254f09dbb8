#!/usr/bin/env node
// Checks the packages the way users get them: packed tarballs. publint and attw lint each tarball,
// then the tarballs are installed into a fresh project outside the workspace where one consumer file is
// type-checked (strict) and run against @kapso/mock in three setups: nodenext ESM, nodenext CommonJS
// and bundler. This catches what the workspace hides: missing files, wrong exports, devDependencies
// needed at run time. In the same project every README's ```ts blocks are type-checked
// (./check-docs.mjs); last, the TSDoc coverage of each package's declarations is printed
// (./tsdoc-coverage.mjs), which reports and does not fail.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkReadmeBlocks, docsDependencySpecs, packageNames, reportReadmeBlocks } from "./check-docs.mjs";
import { root } from "./lib/ensure-built.mjs";
import { installProject, packPackages } from "./lib/pack.mjs";
import { printTsdocCoverage } from "./tsdoc-coverage.mjs";

const PUBLISHED = ["types", "client", "pagination", "webhooks", "mock", "codegen", "contract"];
// A data file for require.resolve and tooling, not a module: no types to resolve.
const ATTW_EXCLUDE = { types: ["./openapi.yaml", "./whatsapp/openapi.yaml"] };
const bin = (name) => join(root, "node_modules/.bin", name);
const keep = process.argv.includes("--keep");
const run = (command, args, cwd, extra = {}) =>
  execFileSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"], ...extra });

const work = mkdtempSync(join(tmpdir(), "kapso-packages-"));
const packs = join(work, "packs");
mkdirSync(packs);
const sizes = [];
try {
  // Every package a README block may import is installed; publint and attw judge the published ones.
  const packed = packPackages([...new Set([...PUBLISHED, ...packageNames()])], packs);
  const tarballs = [...packed.values()];
  for (const name of PUBLISHED) {
    const tarball = packed.get(name);
    sizes.push([`@kapso/${name}`, statSync(tarball).size]);
    console.log(`\n── @kapso/${name}: publint and attw`);
    run(bin("publint"), ["run", tarball, "--strict"], root);
    const exclude = ATTW_EXCLUDE[name] ? ["--exclude-entrypoints", ...ATTW_EXCLUDE[name]] : [];
    run(
      bin("attw"),
      [tarball, "--profile", "strict", "--format", "table-flipped", "--no-emoji", ...exclude],
      root,
    );
  }

  console.log("\n── consumer project from the tarballs");
  const project = join(work, "consumer");
  cpSync(join(root, "scripts/consumer"), project, { recursive: true });
  installProject(project, ["@types/node@20", ...docsDependencySpecs(), ...tarballs]);

  for (const setup of ["esm", "cjs", "bundler"]) {
    console.log(`\n── consumer setup: ${setup}`);
    const dir = join(project, setup);
    cpSync(join(project, "smoke.ts"), join(dir, "smoke.ts"));
    run(bin("tsc"), ["-p", "tsconfig.json"], dir);
    if (setup === "bundler") {
      run(
        bin("esbuild"),
        [
          "smoke.ts",
          "--bundle",
          "--platform=node",
          "--format=esm",
          "--outfile=out/smoke.mjs",
          // The mock starts helper processes from files beside its own module, so it stays external,
          // as it would in any bundled test setup.
          "--external:@kapso/mock",
          "--log-level=warning",
        ],
        dir,
      );
      run(process.execPath, ["out/smoke.mjs"], dir);
    } else {
      run(process.execPath, ["out/smoke.js"], dir);
    }
  }

  console.log("\n── downstream: kapso-codegen on the shipped spec plus a private route, used by the client");
  downstreamRecipe(project);

  console.log(
    "\n── TypeScript 7 consumer: the tarballs installed without flags, kapso-codegen, --check, strict type check",
  );
  typescript7Project(tarballs, project);

  console.log("\n── README code blocks in the consumer project");
  const docsCompile = reportReadmeBlocks(checkReadmeBlocks(project));

  console.log("");
  printTsdocCoverage();

  console.log("\nPacked sizes:");
  for (const [name, size] of sizes) console.log(`  ${name.padEnd(18)} ${(size / 1024).toFixed(1)} KiB`);
  if (docsCompile) {
    console.log(
      "packages: publint and attw clean, consumer setups esm, cjs and bundler passed, README blocks compile",
    );
  } else {
    console.error("packages: README code blocks do not compile (listed above, as README:line:column)");
    process.exitCode = 1;
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

// What a team does in its own repo: generate types from the shipped spec plus its private route,
// call both through createKapsoClient<paths>(), and let `--check` catch a spec edit nobody
// regenerated after.
function downstreamRecipe(project) {
  const codegen = (...extra) =>
    spawnSync(
      join(project, "node_modules/.bin/kapso-codegen"),
      [
        "--spec",
        "node_modules/@kapso/types/openapi.yaml",
        "--spec",
        "downstream/private.yaml",
        "--out",
        "downstream/kapso",
        ...extra,
      ],
      { cwd: project, encoding: "utf8" },
    );
  const expectStatus = (result, status, what) => {
    if (result.status !== status) {
      throw new Error(
        `downstream: ${what} exited ${result.status}, expected ${status}\n${result.stdout}${result.stderr}`,
      );
    }
  };
  expectStatus(codegen(), 0, "kapso-codegen");
  run(bin("tsc"), ["-p", "downstream/tsconfig.json"], project);
  expectStatus(codegen("--check"), 0, "kapso-codegen --check right after generating");
  const privateSpec = join(project, "downstream/private.yaml");
  const original = readFileSync(privateSpec, "utf8");
  writeFileSync(privateSpec, original.replace("required: [week, workflows]", "required: [week]"));
  const stale = codegen("--check");
  expectStatus(stale, 1, "kapso-codegen --check after a spec edit");
  if (!stale.stdout.concat(stale.stderr).includes("downstream/kapso")) {
    throw new Error(`downstream: --check did not name the stale files:\n${stale.stdout}${stale.stderr}`);
  }
  expectStatus(codegen(), 0, "kapso-codegen after the edit");
  expectStatus(codegen("--check"), 0, "kapso-codegen --check after regenerating");
  console.log(
    "downstream recipe passed: the private route and Kapso's typed through one client; --check failed after a spec edit and passed after regenerating",
  );
}

// TypeScript 7 is what `npm i -D typescript` installs, and it has no JavaScript compiler API: the
// packages must install beside it without --legacy-peer-deps (kapso-codegen brings its own compiler),
// generate the same files as on 5.9, and type-check under it.
function typescript7Project(tarballs, project59) {
  const dir = join(work, "typescript7");
  cpSync(join(root, "scripts/consumer/typescript7"), dir, { recursive: true });
  cpSync(join(project59, "smoke.ts"), join(dir, "smoke.ts"));
  installProject(dir, ["typescript@7", "@types/node@20", ...tarballs], {
    name: "consumer-typescript7",
    private: true,
    type: "module",
  });
  const tsc = join(dir, "node_modules/.bin/tsc");
  const version = execFileSync(tsc, ["--version"], { cwd: dir, encoding: "utf8" }).trim();
  if (!/\b7\.\d+\.\d+/.test(version)) throw new Error(`typescript7: expected TypeScript 7, got ${version}`);

  const codegen = (cwd, out, ...extra) =>
    execFileSync(
      join(cwd, "node_modules/.bin/kapso-codegen"),
      ["--spec", "node_modules/@kapso/types/openapi.yaml", "--out", out, ...extra],
      { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  codegen(dir, "kapso");
  codegen(dir, "kapso", "--check");
  // The same command in the TypeScript 5.9 project writes the same bytes.
  codegen(project59, "kapso-typescript59");
  const written = readdirSync(join(dir, "kapso")).sort();
  const expected = readdirSync(join(project59, "kapso-typescript59")).sort();
  if (written.join() !== expected.join()) {
    throw new Error(`typescript7: kapso-codegen wrote ${written.join(", ")}; on 5.9 ${expected.join(", ")}`);
  }
  for (const file of written) {
    const on7 = readFileSync(join(dir, "kapso", file));
    const on59 = readFileSync(join(project59, "kapso-typescript59", file));
    if (!on7.equals(on59)) throw new Error(`typescript7: kapso/${file} differs from what 5.9 generates`);
  }
  run(tsc, ["-p", "tsconfig.json"], dir);
  console.log(
    `TypeScript 7 consumer passed (${version}): installed without flags, kapso-codegen wrote ${written.length} files byte-identical to 5.9's, --check clean, smoke.ts and the generated types type-check strict`,
  );
}
