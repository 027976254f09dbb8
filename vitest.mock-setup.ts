/**
 * The one vitest global setup of the suites that call a mock over HTTP (@kapso/contract's and the
 * contract tests): a mock per document for the whole run, each URL handed to test files through
 * `inject("kapsoMockUrls")[name]`, the first also as `inject("kapsoMockUrl")`. Used as is, it serves
 * the document shipped in @kapso/types; a suite covering other documents calls {@link serveDocuments}.
 */
import { defaultSpecPath, type MockApi, startKapsoMock } from "@kapso/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    kapsoMockUrl: string;
    kapsoMockUrls: Record<string, string>;
  }
}

/** A document to serve: which of the mock's APIs it is, and its bundled spec file. */
export interface ServedDocument {
  api: MockApi;
  specPath: string;
}

/**
 * Starts a mock of each document (name → document), serving only that document's API, and provides
 * the base URL of that API.
 */
export async function serveDocuments(
  project: TestProject,
  documents: Record<string, ServedDocument>,
): Promise<() => Promise<void>> {
  const names = Object.keys(documents);
  const mocks = await Promise.all(
    names.map((name) => {
      const { api, specPath } = documents[name] as ServedDocument;
      return startKapsoMock(
        api === "whatsapp" ? { apis: [api], whatsappSpecPath: specPath } : { apis: [api], specPath },
      );
    }),
  );
  const urls = Object.fromEntries(
    names.map((name, i) => {
      const mock = mocks[i];
      return [name, (documents[name]?.api === "whatsapp" ? mock?.whatsappUrl : mock?.url) ?? ""];
    }),
  );
  project.provide("kapsoMockUrls", urls);
  project.provide("kapsoMockUrl", mocks[0]?.url ?? "");
  return async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
  };
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return serveDocuments(project, { shipped: { api: "platform", specPath: defaultSpecPath() } });
}
