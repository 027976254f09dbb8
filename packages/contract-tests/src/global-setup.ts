/**
 * Starts one Prism mock for the whole run and hands its URL to every test file (`inject`), and says
 * once, up front, whether the live API tests will run.
 */
import { startKapsoMock } from "@kapso/mock";
import type { TestProject } from "vitest/node";
import { liveStatus } from "./live-config.js";

declare module "vitest" {
  export interface ProvidedContext {
    kapsoMockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const mock = await startKapsoMock();
  console.log(`Kapso mock (Prism) ready at ${mock.url} in ${Date.now() - started} ms`);
  const live = liveStatus();
  console.log(
    live.enabled ? "Live API contract tests: enabled" : `Live API contract tests skipped: ${live.reason}`,
  );
  project.provide("kapsoMockUrl", mock.url);
  return () => mock.close();
}
