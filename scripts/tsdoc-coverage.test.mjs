import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { tsdocCoverage } from "./tsdoc-coverage.mjs";

const dir = mkdtempSync(join(tmpdir(), "kapso-tsdoc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("counts documented exports and fields, overloads and re-exports included", () => {
  const file = join(dir, "index.d.ts");
  writeFileSync(
    file,
    `
/** Documented. */
interface Options {
  /** Documented field. */
  timeoutMs?: number;
  retries?: number;
}
type Page =
  | {
      data: unknown[];
      /** Documented. */
      next?: string;
    }
  | {
      /** @deprecated */
      legacy: true;
    };
/** Documented class. */
declare class Failure extends Error {
  /** Documented. */
  readonly status: number;
  private secret;
  constructor(message: string);
  toJSON(): object;
}
/** One overload documented... */
declare function walk(path: string): void;
declare function walk(path: string, limit: number): void;
/** Both overloads documented. */
declare function once(a: string): void;
/** Both overloads documented. */
declare function once(a: number): void;
declare const VERSION = "1";
export { type Options, type Page, Failure, walk, once, VERSION };
`,
  );
  const { exports, fields } = tsdocCoverage(file);
  expect(exports).toEqual({
    documented: 3,
    total: 6,
    missing: ["Page", "walk", "VERSION"],
  });
  expect(fields).toEqual({
    documented: 4,
    total: 7,
    missing: ["Options.retries", "Page.data", "Failure.toJSON"],
  });
});
