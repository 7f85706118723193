const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Formats a byte count in decimal units (1 KB = 1000 B), with at most three
 * significant digits and trailing zeros trimmed: 17_500_000 → "17.5 MB",
 * 29_000 → "29 KB", 999 → "999 B", 1_234_567_890 → "1.23 GB", -2_000_000 → "-2 MB".
 *
 * This is the only byte formatter in the project: never divide by 1024 (the old
 * prototype showed 17.5 MB as 16.69 MB). Non-finite input gives "? B" so a UI
 * never throws while rendering.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '? B';
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${sign}${Math.round(abs)} B`;
  let unit = 1;
  while (abs >= 1000 ** (unit + 1) && unit < UNITS.length - 1) unit += 1;
  let text = render(abs, unit);
  // 999_999 B rounds to "1000 KB": carry into the next unit instead.
  if (Number(text) >= 1000 && unit < UNITS.length - 1) {
    unit += 1;
    text = render(abs, unit);
  }
  return `${sign}${text} ${UNITS[unit]}`;
}

/** Three significant digits of `abs` in `unit`, rounded half up, trailing zeros trimmed. */
function render(abs: number, unit: number): string {
  const value = abs / 1000 ** unit;
  const decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
  // Scale the byte count, not the quotient, so 1005 B is 100.5 hundredths (→ 1.01), not 100.4999….
  const scaled = Math.round((abs * 10 ** decimals) / 1000 ** unit);
  const fixed = (scaled / 10 ** decimals).toFixed(decimals);
  return decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}
