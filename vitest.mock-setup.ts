/**
 * The one vitest global setup of the suites that call a mock over HTTP (@kapso/contract's and the
 * contract tests): a mock per document for the whole run, each URL handed to test files through
 * `inject("kapsoMockUrls")[name]`, the first also as `inject("kapsoMockUrl")`. Used as is, it serves
 * the document shipped in @kapso/types; a suite covering other documents calls {@link serveDocuments}.
 */
import { defaultSpecPath, startKapsoMock } from "@kapso/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    kapsoMockUrl: string;
    kapsoMockUrls: Record<string, string>;
  }
}

/** Starts a mock of each document (name → bundled spec path) and provides their URLs. */
export async function serveDocuments(
  project: TestProject,
  specPaths: Record<string, string>,
): Promise<() => Promise<void>> {
  const names = Object.keys(specPaths);
  const mocks = await Promise.all(names.map((name) => startKapsoMock({ specPath: specPaths[name] })));
  const urls = Object.fromEntries(names.map((name, i) => [name, mocks[i]?.url ?? ""]));
  project.provide("kapsoMockUrls", urls);
  project.provide("kapsoMockUrl", mocks[0]?.url ?? "");
  return async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
  };
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return serveDocuments(project, { shipped: defaultSpecPath() });
}
