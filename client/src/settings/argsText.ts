/**
 * Splits a command line into arguments: whitespace separates, double quotes
 * group (`sh -c "echo hi"` → 3 args), backslash escapes a quote.
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && text[i + 1] === '"') {
      current += '"';
      started = true;
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** The inverse of {@link splitArgs} for display. */
export function joinArgs(args: readonly string[]): string {
  return args.map((a) => (a === '' || /[\s"]/.test(a) ? `"${a.replaceAll('"', '\\"')}"` : a)).join(' ');
}

/** `KEY=value` per line → record; blank lines skipped. Returns the bad line on error. */
export function parseKeyValues(text: string): { ok: true; value: Record<string, string> } | { ok: false; line: string } {
  const value: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, line };
    value[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return { ok: true, value };
}

export function formatKeyValues(record: Readonly<Record<string, string>>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
