import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes each file (name → content) under `dir`, creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** A file whose content on disk is not what was generated. */
export interface StaleFile {
  /** The file's name relative to the output folder, as in the generated files. */
  name: string;
  /** `missing`: no such file on disk; `stale`: it exists but its content differs. */
  reason: "missing" | "stale";
}

/** The files under `dir` that are missing or differ from what was generated, in the order given. */
export function staleFiles(dir: string, files: Record<string, string>): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const [name, content] of Object.entries(files)) {
    let current: string;
    try {
      current = readFileSync(join(dir, name), "utf8");
    } catch {
      stale.push({ name, reason: "missing" });
      continue;
    }
    if (current !== content) stale.push({ name, reason: "stale" });
  }
  return stale;
}
