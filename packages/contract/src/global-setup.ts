/** Starts one Prism mock for the run; tests that need a target of their own put a proxy in front of it. */
import { startKapsoMock } from "@kapso/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    kapsoMockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startKapsoMock();
  project.provide("kapsoMockUrl", mock.url);
  return () => mock.close();
}
