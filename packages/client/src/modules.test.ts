// The source itself: modules form no import cycle (a cycle makes the bundle's evaluation order
// depend on which module is imported first), and every doc comment sits on what it documents.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL(".", import.meta.url));
const modules = readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
const source = (name: string) => readFileSync(`${dir}/${name}`, "utf8");

describe("client modules", () => {
  it("import each other without a cycle", () => {
    const imports = new Map(
      modules.map((name) => [
        name,
        [...source(name).matchAll(/^import [^;]*? from "\.\/([\w-]+)\.js";/gms)]
          .filter((match) => !/^import type /.test(match[0]))
          .map((match) => `${match[1]}.ts`),
      ]),
    );
    const cycles: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (path.includes(name)) return void cycles.push([...path.slice(path.indexOf(name)), name].join(" → "));
      for (const next of imports.get(name) ?? []) visit(next, [...path, name]);
    };
    for (const name of modules) visit(name, []);
    expect(cycles).toEqual([]);
  });

  it("put every doc comment directly on its declaration", () => {
    const misplaced = modules.flatMap((name) =>
      [...source(name).matchAll(/\*\/\n(\/\*\*|\/\/)/g)].map(
        (match) => `${name}:${source(name).slice(0, match.index).split("\n").length}`,
      ),
    );
    expect(misplaced).toEqual([]);
  });
});
