/**
 * A TSDoc comment holding `text`, one line when it fits on one. A `*\/` in the text would end the
 * comment early, so it is broken up.
 */
export function tsdoc(text: string | undefined): string[] {
  const lines = (text ?? "").trim().replaceAll("*/", "*\\/").split(/\r?\n/);
  if (lines.length === 1) return lines[0] ? [`/** ${lines[0]} */`] : [];
  return ["/**", ...lines.map((line) => (line.trim() ? ` * ${line.trimEnd()}` : " *")), " */"];
}
