/** A mock of each document the suite covers, by the repository's one mock setup. */
import type { TestProject } from "vitest/node";
import { serveDocuments } from "../../../vitest.mock-setup.js";
import { documents } from "./documents.js";

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return serveDocuments(
    project,
    Object.fromEntries(documents.map((d) => [d.name, { api: d.api, specPath: d.specPath }])),
  );
}
