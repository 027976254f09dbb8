/** Every contract case of every area file in src/cases/, collected without a registry. */
import type { ContractCase, SkippedExamples } from "./contract-case.js";

interface CaseModule {
  cases?: ContractCase[];
  skippedExamples?: SkippedExamples;
}

const modules = import.meta.glob<CaseModule>("./cases/*.ts", { eager: true });

export interface LoadedCase extends ContractCase {
  /** The area file the case comes from, for failure messages. */
  file: string;
}

export const allCases: LoadedCase[] = Object.entries(modules)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([file, module]) =>
    (module.cases ?? []).map((c) => ({ ...c, file: file.replace(/^\.\//, "src/") })),
  );

export const skippedExamples: SkippedExamples = {};
for (const module of Object.values(modules)) {
  for (const [operationId, examples] of Object.entries(module.skippedExamples ?? {})) {
    skippedExamples[operationId] = { ...skippedExamples[operationId], ...examples };
  }
}

export function caseTitle(c: ContractCase): string {
  if (c.title) return `${c.status} ${c.title}`;
  const details = [
    c.prefer?.example && `example=${c.prefer.example}`,
    c.prefer?.code && `Prefer code=${c.prefer.code}`,
  ];
  const detail = details.filter(Boolean).join(", ");
  return detail ? `${c.status} (${detail})` : String(c.status);
}
