// Reads the deliberate deviations from Kapso's published documents out of spec/UPSTREAM.md: the
// table there is for people, the fenced `yaml deviations` block is for the comparison. Each entry has
// an `id`, a `reason` and `match` patterns over difference keys, where `*` stands for any
// text and `?` for one character.
import { parse } from "yaml";

/**
 * The deviations of one API: the ```yaml deviations block, or with `section` the ```yaml deviations
 * <section> block (the Meta proxy's is `whatsapp`).
 *
 * @returns {{ id: string, reason: string, match: string[], patterns: RegExp[] }[]}
 */
export function readDeviations(markdown, section) {
  const fence = section ? `yaml deviations ${section}` : "yaml deviations";
  const block = markdown.match(new RegExp(`\`\`\`${fence}\n([\\s\\S]*?)\`\`\``));
  if (!block) throw new Error(`spec/UPSTREAM.md has no \`\`\`${fence} block`);
  const entries = parse(block[1]) ?? [];
  if (!Array.isArray(entries)) throw new Error("the deviations block must be a YAML list");
  const ids = new Set();
  return entries.map((entry, index) => {
    const { id, reason, match } = entry ?? {};
    if (typeof id !== "string" || id === "") throw new Error(`deviation #${index + 1} has no id`);
    if (ids.has(id)) throw new Error(`deviation "${id}" is listed twice`);
    ids.add(id);
    if (typeof reason !== "string" || reason.trim() === "")
      throw new Error(`deviation "${id}" has no reason`);
    const patterns = [match].flat();
    if (patterns.length === 0 || patterns.some((p) => typeof p !== "string" || p === "")) {
      throw new Error(`deviation "${id}" needs match patterns (strings)`);
    }
    return { id, reason, match: patterns, patterns: patterns.map(globToRegExp) };
  });
}

const globToRegExp = (glob) => {
  const escapeRegExp = (text) => text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `^${glob
      .split("*")
      .map((part) => escapeRegExp(part).replaceAll("?", "."))
      .join(".*")}$`,
  );
};

/** Splits differences into those a deviation lists (tagged with its id) and the rest. */
export function triage(differences, deviations) {
  const listed = [];
  const rest = [];
  const used = new Set();
  for (const difference of differences) {
    const deviation = deviations.find((d) => d.patterns.some((p) => p.test(difference.key)));
    if (deviation) {
      used.add(deviation.id);
      listed.push({ ...difference, deviation: deviation.id });
    } else {
      rest.push(difference);
    }
  }
  return { listed, rest, used };
}
