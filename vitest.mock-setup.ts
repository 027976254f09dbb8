/**
 * The one vitest global setup of the suites that call a mock over HTTP (@kapso/contract's and the
 * contract tests): a mock per document for the whole run, each URL handed to test files through
 * `inject("kapsoMockUrls")[name]`, the first also as `inject("kapsoMockUrl")`. Used as is, it serves
 * the documents shipped in @kapso/types, the Platform API's (`shipped`, also `kapsoMockUrl`) and the
 * Meta proxy's (`whatsapp`); a suite covering other documents calls {@link serveDocuments}.
 */
import { defaultSpecPath, defaultWhatsAppSpecPath, type MockApi, startKapsoMock } from "@kapso/mock";
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
 * Starts the mocks of the documents (name → document) and provides the base URL of each document's
 * API. Documents of different APIs share one mock (one Prism each behind one port); a second
 * document of the same API gets a mock of its own.
 */
export async function serveDocuments(
  project: TestProject,
  documents: Record<string, ServedDocument>,
): Promise<() => Promise<void>> {
  const groups: Array<Array<[string, ServedDocument]>> = [];
  for (const entry of Object.entries(documents)) {
    const group = groups.find((candidate) => candidate.every(([, other]) => other.api !== entry[1].api));
    if (group) group.push(entry);
    else groups.push([entry]);
  }
  const mocks = await Promise.all(
    groups.map((group) => {
      const specOf = (api: MockApi) => group.find(([, document]) => document.api === api)?.[1].specPath;
      return startKapsoMock({
        apis: group.map(([, document]) => document.api),
        specPath: specOf("platform"),
        whatsappSpecPath: specOf("whatsapp"),
      });
    }),
  );
  const urls: Record<string, string> = {};
  groups.forEach((group, index) => {
    const mock = mocks[index];
    if (!mock) return;
    for (const [name, { api }] of group) urls[name] = api === "whatsapp" ? mock.whatsappUrl : mock.url;
  });
  project.provide("kapsoMockUrls", urls);
  project.provide("kapsoMockUrl", urls[Object.keys(documents)[0] ?? ""] ?? "");
  return async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
  };
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return serveDocuments(project, {
    shipped: { api: "platform", specPath: defaultSpecPath() },
    whatsapp: { api: "whatsapp", specPath: defaultWhatsAppSpecPath() },
  });
}
