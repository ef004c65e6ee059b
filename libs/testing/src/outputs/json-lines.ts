/**
 * Parses JSON Lines (one JSON value per line, `\n` between them, the last newline optional; a
 * CRLF's `\r` is whitespace JSON ignores). A blank line or a line that is not JSON is an error
 * naming its 1-based line number and showing its start.
 */
export function parseJsonLines(text: string): unknown[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    if (line.trim() === '') throw new Error(`JSON Lines line ${index + 1} is blank`);
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      const start = line.length > 80 ? `${line.slice(0, 80)}…` : line;
      throw new Error(
        `JSON Lines line ${index + 1} is not JSON (${(error as Error).message}): ${start}`,
        { cause: error },
      );
    }
  });
}
