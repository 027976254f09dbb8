// Each webhook's request body lists its payload schemas; each schema says which payload versions use
// it (`x-kapso-payload-versions`), and a batch envelope is the one whose `batch` is the constant true.
// From that come one alias per event payload and version, and one interface per version mapping event
// names to payloads, which @kapso/webhooks uses to type handlers.
import { CodegenError } from "./errors.js";
import type { Json } from "./json.js";
import { tsdoc } from "./tsdoc.js";

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

// biome-ignore lint/suspicious/noExplicitAny: webhook items and schemas are untyped JSON
type Node = any;

/** `declare` names an alias once and returns its declaration, as the operation aliases are declared. */
export function webhookAliases(doc: Json, declare: (name: string, type: string) => string): string[] {
  const lines = [
    "",
    "// Webhooks: the request body of each delivery, and each event's payload per payload version",
  ];
  const schemas: Record<string, Node> = (doc.components as Node)?.schemas ?? {};
  const byVersion = new Map<string, string[]>();
  for (const [event, item] of Object.entries((doc.webhooks as Record<string, Node>) ?? {})) {
    const body = item.post?.requestBody?.content?.["application/json"]?.schema;
    if (!body) throw new CodegenError(`webhook ${event} has no application/json request body`);
    const Event = event.split(/[._]/).map(pascal).join("");
    const summary = typeof item.post.summary === "string" ? `${item.post.summary}: ` : "";
    lines.push(
      ...tsdoc(`${summary}the request body of a \`${event}\` delivery.`),
      declare(
        `${Event}WebhookBody`,
        `webhooks["${event}"]["post"]["requestBody"]["content"]["application/json"]`,
      ),
    );
    for (const member of body.anyOf ?? [body]) {
      const name = member.$ref?.split("/").pop();
      const schema = schemas[name];
      if (!schema) {
        throw new CodegenError(
          `webhook ${event}: payloads must be $refs to schemas, got ${JSON.stringify(member)}`,
        );
      }
      if (schema.properties?.batch?.const === true) continue;
      const versions = schema["x-kapso-payload-versions"];
      if (!Array.isArray(versions) || versions.length === 0) {
        throw new CodegenError(`schema ${name} (webhook ${event}) lacks x-kapso-payload-versions`);
      }
      for (const version of [...versions].sort().reverse()) {
        const alias = `${Event}Payload${version === "v2" ? "" : version.toUpperCase()}`;
        lines.push(
          ...tsdoc(`${schema.description ?? schema.title ?? ""}\n\nPayload version \`${version}\`.`),
        );
        lines.push(declare(alias, `components["schemas"]["${name}"]`));
        if (!byVersion.has(version)) byVersion.set(version, []);
        byVersion.get(version)?.push(`  "${event}": ${alias};`);
      }
    }
  }
  for (const [version, entries] of [...byVersion].sort(([a], [b]) => b.localeCompare(a))) {
    lines.push(
      "",
      `/** Payload of each event a webhook on payload version \`${version}\` receives (batches unwrapped). */`,
      `export interface WebhookPayloads${version.toUpperCase()} {`,
      ...entries,
      "}",
    );
  }
  return lines;
}
