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
  let value = Math.abs(bytes);
  let unit = 0;
  if (value < 1000) return `${sign}${Math.round(value)} B`;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  let rounded = roundSignificant(value);
  // 999_999 B rounds to "1000 KB": carry into the next unit instead.
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    unit += 1;
    rounded = roundSignificant(rounded / 1000);
  }
  return `${sign}${trimZeros(rounded)} ${UNITS[unit]}`;
}

function roundSignificant(value: number): number {
  const decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function trimZeros(value: number): string {
  // toFixed(2) then strip: avoids exponent notation and float noise like 1.2300000001.
  return value.toFixed(2).replace(/\.?0+$/, '');
}
