// The three recipes of the README, run as written there: the same commands in a project outside the
// workspace, and the generated types checked by tsc.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SHIPPED_SPEC, smallSpec, type TempProject, tempProject } from "./test-helpers.js";

let project: TempProject;
afterEach(() => project?.remove());

const GENERATE = ["--spec", "openapi.yaml", "--out", "src/kapso"];

// Code a user writes against the generated types; a wrong query parameter must not compile, which
// proves the types are real rather than `any`.
const WIDGET_CONSUMER = `import createClient from "openapi-fetch";
import type { ListWidgetsQuery, paths, Widget } from "./kapso/index.js";

const client = createClient<paths>({ baseUrl: "https://api.example.com" });
const query: ListWidgetsQuery = { limit: 10 };
const { data } = await client.GET("/widgets", { params: { query } });
const first: Widget | undefined = data?.data[0];
export const name: string | undefined = first?.name;
// @ts-expect-error: listWidgets has no such query parameter
await client.GET("/widgets", { params: { query: { colour: "red" } } });
`;

describe("README recipes", () => {
  it("regenerate after Kapso updates its spec: a new field compiles only after regenerating", () => {
    project = tempProject();
    project.write("openapi.yaml", smallSpec());
    expect(project.codegen(...GENERATE).status).toBe(0);
    project.write("src/consumer.ts", WIDGET_CONSUMER);
    expect(project.typecheck()).toMatchObject({ status: 0 });

    const usesColor = `${WIDGET_CONSUMER}export const color: string | undefined = first?.color;\n`;
    project.write("src/consumer.ts", usesColor);
    const before = project.typecheck();
    expect(before.status).not.toBe(0);
    expect(before.stdout).toContain("Property 'color' does not exist");

    project.write("openapi.yaml", smallSpec({ widgetFields: "\n        color: { type: string }" }));
    expect(project.codegen(...GENERATE).status).toBe(0);
    expect(project.typecheck()).toMatchObject({ status: 0 });
  });

  it("add a private endpoint on top of the shipped spec: the client calls both the new path and Kapso's", () => {
    project = tempProject();
    // As a user has it: the shipped spec inside node_modules/@kapso/types.
    project.write("node_modules-kapso/openapi.yaml", readFileSync(SHIPPED_SPEC, "utf8"));
    project.write(
      "spec/private.yaml",
      readmeBlock("yaml", "spec/private.yaml").replaceAll(
        "../node_modules/@kapso/types/openapi.yaml",
        "../node_modules-kapso/openapi.yaml",
      ),
    );
    const run = project.codegen(
      "--spec",
      "node_modules-kapso/openapi.yaml",
      "--spec",
      "spec/private.yaml",
      "--out",
      "src/kapso",
    );
    expect(run).toMatchObject({ status: 0 });
    // The README's own code for recipes 1 and 2, and a misuse that must not compile.
    project.write("src/workflows.ts", readmeBlock("ts nocheck", "src/workflows.ts"));
    project.write("src/report.ts", readmeBlock("ts nocheck", "src/report.ts"));
    project.write(
      "src/misuse.ts",
      `import createClient from "openapi-fetch";
import type { paths } from "./kapso/index.js";

const client = createClient<paths>({ baseUrl: "https://internal.example.com" });
// @ts-expect-error: the private route takes its week as a query parameter, and only that
await client.GET("/reports/weekly", { params: { query: { month: "2026-01" } } });
// @ts-expect-error: Kapso's routes are typed too
await client.GET("/workflows", { params: { query: { status: "no-such-status" } } });
`,
    );
    expect(project.typecheck()).toMatchObject({ status: 0 });
  });

  it("pin and check in CI: --check fails after a spec edit, naming the files, and passes after regenerating", () => {
    project = tempProject();
    project.write("openapi.yaml", smallSpec());
    expect(project.codegen(...GENERATE).status).toBe(0);
    expect(project.codegen(...GENERATE, "--check")).toMatchObject({ status: 0 });

    project.write("openapi.yaml", smallSpec({ widgetFields: "\n        color: { type: string }" }));
    const stale = project.codegen(...GENERATE, "--check");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("stale: schema.ts");
    expect(stale.stderr).not.toContain("index.ts");

    project.remove();
    project = tempProject();
    project.write("openapi.yaml", smallSpec());
    const missing = project.codegen(...GENERATE, "--check");
    expect(missing.status).toBe(1);
    for (const file of ["schema.ts", "aliases.ts", "index.ts"]) {
      expect(missing.stderr).toContain(`missing: ${file}`);
    }
    expect(project.codegen(...GENERATE).status).toBe(0);
    expect(project.codegen(...GENERATE, "--check")).toMatchObject({ status: 0 });
  });
});

/** The README's fenced block of `language` whose first line is a comment (`#` or `//`) naming `file`. */
function readmeBlock(language: string, file: string): string {
  const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
  const blocks = [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map(
    (match) => match[1] ?? "",
  );
  const block = blocks.find((text) => text.startsWith(`# ${file}\n`) || text.startsWith(`// ${file}\n`));
  if (!block) throw new Error(`README.md has no \`\`\`${language} block starting with "# ${file}"`);
  return block;
}
