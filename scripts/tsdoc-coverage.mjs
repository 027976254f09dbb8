#!/usr/bin/env node
// TSDoc coverage of what users see in their editor: in the built .d.ts of each published package
// (its `import` types entry), how many exports, and how many fields of exported interfaces, type
// literals and classes, carry a doc comment. It reports and never fails; check-packages prints it.
//
//   node scripts/tsdoc-coverage.mjs [--list]     --list names everything undocumented
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "./lib/ensure-built.mjs";

const ts = createRequire(join(root, "package.json"))("typescript");

/** The published packages (not private) and the .d.ts their `import` condition points to. */
export function publishedDeclarations() {
  return readdirSync(join(root, "packages"))
    .sort()
    .flatMap((dir) => {
      const manifestPath = join(root, "packages", dir, "package.json");
      if (!existsSync(manifestPath)) return [];
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      const entry = manifest.exports?.["."]?.import?.types ?? manifest.types;
      if (manifest.private === true || !entry) return [];
      return [{ name: manifest.name, file: join(root, "packages", dir, entry) }];
    });
}

// A doc comment counts when it says something: text, or a tag such as @deprecated or @example.
function hasDocComment(node) {
  return ts
    .getJSDocCommentsAndTags(node)
    .some((doc) => ts.isJSDoc(doc) && (Boolean(doc.comment) || (doc.tags?.length ?? 0) > 0));
}

// The members a reader looks up field by field: an interface's, a class's (public ones), and those of
// a type alias written as an object literal (or an intersection or union of them).
function fieldsOf(declaration) {
  if (ts.isInterfaceDeclaration(declaration)) return [...declaration.members];
  if (ts.isClassDeclaration(declaration)) {
    return declaration.members.filter(
      (member) =>
        !ts.isConstructorDeclaration(member) &&
        !ts.isClassStaticBlockDeclaration(member) &&
        !ts.isIndexSignatureDeclaration(member) &&
        !(member.name && ts.isPrivateIdentifier(member.name)) &&
        !(ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private),
    );
  }
  if (ts.isTypeAliasDeclaration(declaration)) return typeLiteralMembers(declaration.type);
  return [];
}

function typeLiteralMembers(type) {
  if (ts.isTypeLiteralNode(type)) return [...type.members];
  if (ts.isIntersectionTypeNode(type) || ts.isUnionTypeNode(type))
    return type.types.flatMap(typeLiteralMembers);
  if (ts.isParenthesizedTypeNode(type)) return typeLiteralMembers(type.type);
  return [];
}

/**
 * Counts one .d.ts: `exports` and `fields` as `{ documented, total, missing }`, where `missing` names
 * what has no doc comment. An export with overloads is documented when every overload is.
 */
export function tsdocCoverage(file) {
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file));
  const exports = { documented: 0, total: 0, missing: [] };
  const fields = { documented: 0, total: 0, missing: [] };
  for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    exports.total++;
    if (declarations.length > 0 && declarations.every(hasDocComment)) exports.documented++;
    else exports.missing.push(exported.name);
    for (const member of declarations.flatMap(fieldsOf)) {
      fields.total++;
      if (hasDocComment(member)) fields.documented++;
      else
        fields.missing.push(`${exported.name}.${member.name?.getText() ?? "(call or construct signature)"}`);
    }
  }
  return { exports, fields };
}

const ratio = ({ documented, total }) =>
  `${documented}/${total}`.padStart(9) +
  ` ${total === 0 ? "  -" : `${Math.round((100 * documented) / total)}%`.padStart(4)}`;

/** Prints one line per published package (and, with `list`, what is undocumented). */
export function printTsdocCoverage({ list = false } = {}) {
  console.log("TSDoc coverage of the built .d.ts (documented / total):");
  console.log(`  ${"package".padEnd(20)} ${"exports".padStart(14)} ${"fields".padStart(14)}`);
  for (const { name, file } of publishedDeclarations()) {
    if (!existsSync(file)) {
      console.log(`  ${name.padEnd(20)} not built: ${file} is missing`);
      continue;
    }
    const { exports, fields } = tsdocCoverage(file);
    console.log(`  ${name.padEnd(20)} ${ratio(exports)} ${ratio(fields)}`);
    if (list) {
      for (const missing of [...exports.missing, ...fields.missing])
        console.log(`      undocumented: ${missing}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printTsdocCoverage({ list: process.argv.includes("--list") });
}
