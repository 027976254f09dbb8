#!/usr/bin/env node
// Docs that compile: every ```ts block of every README (the root's and each package's) is type-checked
// verbatim, each block as its own module, in a strict consumer project that has the packed packages
// installed, as a reader who copies a block into their own project would. A failing block is reported
// as README:line:column with the compiler's message.
//
// scripts/check-packages.mjs runs it in its consumer project (`checkReadmeBlocks`); run alone, it packs
// and installs a project of its own:   node scripts/check-docs.mjs [--keep]
//
// A block fenced ```ts is meant to compile. One that shows something else on purpose (a compile error,
// pseudo-code) should be fenced differently; where it must stay highlighted as TypeScript, fence it
// ```ts nocheck and it is counted as skipped.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "./lib/ensure-built.mjs";
import { installProject, packPackages } from "./lib/pack.mjs";

const ts = createRequire(join(root, "package.json"))("typescript");

/**
 * What the blocks import besides the packages: the tools, frameworks and runtime types the READMEs show
 * the packages with, installed into the consumer project only. They are not devDependencies of the
 * workspace on purpose: an `@types` package there would join every tsconfig of the repository that
 * does not list its `types` (bun-types changes globals such as `fetch`). vitest is the one the
 * repository tests with.
 */
const DOCS_DEPENDENCIES = {
  vitest: "workspace",
  hono: "4.13.19",
  "@types/express": "5.0.6",
  "@types/bun": "1.4.5",
  "@types/deno": "2.7.0",
};

/** `name@version` for each docs dependency, for `npm install` in the consumer project. */
export function docsDependencySpecs() {
  return Object.entries(DOCS_DEPENDENCIES).map(([name, version]) => {
    if (version !== "workspace") return `${name}@${version}`;
    const manifest = JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8"));
    return `${name}@${manifest.version}`;
  });
}

/** The README files whose blocks are checked: the root's and every package's, relative to the root. */
export function readmeFiles() {
  const packages = readdirSync(join(root, "packages"))
    .map((name) => join("packages", name, "README.md"))
    .filter((file) => existsSync(join(root, file)));
  return ["README.md", ...packages.sort()];
}

/**
 * The packages whose tarballs the blocks may import: every package but a private one without a README,
 * which no block shows (private ones with a README, such as test-support, are packed like the rest).
 */
export function packageNames() {
  return readdirSync(join(root, "packages"))
    .filter((name) => {
      const manifestPath = join(root, "packages", name, "package.json");
      if (!existsSync(manifestPath)) return false;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      return manifest.private !== true || existsSync(join(root, "packages", name, "README.md"));
    })
    .sort();
}

const FENCE = /^( *)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;

/**
 * The fenced code blocks of a Markdown text whose language is `ts` or `typescript`: `line` is the
 * 1-based line of the block's first code line, `indent` the indentation removed from every line (a
 * block inside a list item), `skip` whether the fence says `nocheck`.
 */
export function typescriptBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const [, indent, fence, language, rest] = open;
    let end = index + 1;
    const closing = new RegExp(`^ {0,${indent.length + 3}}${fence[0]}{${fence.length},}\\s*$`);
    while (end < lines.length && !closing.test(lines[end])) end++;
    if (language === "ts" || language === "typescript") {
      const code = lines
        .slice(index + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
        .join("\n");
      blocks.push({ line: index + 2, indent: indent.length, code, skip: /\bnocheck\b/.test(rest) });
    }
    index = end;
  }
  return blocks;
}

/**
 * The compiler options of the consumer project: strict, Node's ESM resolution, each file a module.
 * skipLibCheck as most projects set it: the blocks are under test here, the packages' own .d.ts files
 * are checked with skipLibCheck off by check-packages' consumer setups.
 */
export const COMPILER_OPTIONS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  moduleDetection: "force",
  resolveJsonModule: true,
  types: ["node"],
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks every README block in `project` (a directory with the packed packages and the docs
 * dependencies installed). `readmes` are paths relative to `base` (default: this repository's READMEs).
 * Returns the counts, the time taken, and every problem as
 * `{ file, block, line, column, message }` (`block`: the line where the block's code starts).
 */
export function checkReadmeBlocks(project, { base = root, readmes = readmeFiles() } = {}) {
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const dir = join(project, "readme-blocks");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`);
  const origins = new Map();
  let skipped = 0;
  for (const readme of readmes) {
    for (const block of typescriptBlocks(readFileSync(join(base, readme), "utf8"))) {
      if (block.skip) {
        skipped++;
        continue;
      }
      const file = join(dir, `${readme.replaceAll("/", "-").replace(/\.md$/, "")}-L${block.line}.ts`);
      writeFileSync(file, `${block.code}\n`);
      origins.set(file, { readme, ...block });
    }
  }
  const { options, errors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, dir);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, "\n"));
  const host = cachingHost(options);
  const diagnostics = programGroups(origins).flatMap((files) =>
    ts.getPreEmitDiagnostics(ts.createProgram(files, options, host)),
  );
  const problems = diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const origin = diagnostic.file && origins.get(diagnostic.file.fileName);
    if (!origin) {
      // Outside any block (a dependency's .d.ts or the options): no README line to point at.
      return { file: diagnostic.file ? relative(project, diagnostic.file.fileName) : "(options)", message };
    }
    const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return {
      file: origin.readme,
      block: origin.line,
      line: origin.line + position.line,
      column: origin.indent + position.character + 1,
      message: `TS${diagnostic.code}: ${message}`,
    };
  });
  const order = (file) => (readmes.includes(file) ? readmes.indexOf(file) : readmes.length);
  problems.sort((a, b) => order(a.file) - order(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  return { checked: origins.size, skipped, problems, ms: Date.now() - started, cpuMs };
}

/** A compiler host that parses each file once for all the programs (lib and @types files are large). */
function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const parsed = new Map();
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile.call(host, fileName, languageVersion, ...rest));
    return parsed.get(key);
  };
  return host;
}

/**
 * The block files split into programs by the runtime types they reference. `/// <reference
 * types="bun" />` brings Bun's globals into a whole program, so a block for Bun or Deno is checked
 * with the blocks that reference the same types, and every other block without them.
 */
function programGroups(origins) {
  const groups = new Map();
  for (const [file, { code }] of origins) {
    const references = ts
      .preProcessFile(code)
      .typeReferenceDirectives.map((directive) => directive.fileName)
      .sort()
      .join(",");
    groups.set(references, [...(groups.get(references) ?? []), file]);
  }
  return [...groups.values()];
}

/**
 * Prints the result of `checkReadmeBlocks`, one line per problem (the compiler's first line and, for
 * a chain such as an overload mismatch, its innermost cause); returns whether every block compiled.
 */
export function reportReadmeBlocks({ checked, skipped, problems, ms, cpuMs }) {
  for (const problem of problems) {
    const where =
      problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column}`;
    const lines = problem.message.split("\n");
    const cause = lines.length > 1 ? ` … ${lines.at(-1).trim()}` : "";
    console.error(`${where} ${lines[0]}${cause}`);
  }
  const summary = `README blocks: ${checked} type-checked, ${skipped} fenced nocheck, in ${ms} ms (${cpuMs} ms of CPU)`;
  if (problems.length === 0) {
    console.log(`${summary}: all compile`);
    return true;
  }
  const blocks = new Set(problems.map((problem) => `${problem.file}:${problem.block ?? ""}`));
  console.error(`${summary}: ${problems.length} errors in ${blocks.size} blocks`);
  return false;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = mkdtempSync(join(tmpdir(), "kapso-docs-"));
  try {
    const tarballs = packPackages(packageNames(), work);
    const project = join(work, "project");
    mkdirSync(project);
    installProject(project, ["@types/node@20", ...docsDependencySpecs(), ...tarballs.values()]);
    process.exitCode = reportReadmeBlocks(checkReadmeBlocks(project)) ? 0 : 1;
  } finally {
    if (process.argv.includes("--keep")) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
