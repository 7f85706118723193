/** How close to the target: green below 90 %, amber 90–100 %, red over. */
export type BudgetLevel = 'ok' | 'near' | 'over';

export function budgetLevel(totalBytes: number, targetBytes: number): BudgetLevel {
  if (totalBytes > targetBytes) return 'over';
  if (targetBytes > 0 && totalBytes * 10 >= targetBytes * 9) return 'near';
  return 'ok';
}

export const LEVEL_TEXT: Record<BudgetLevel, { icon: string; label: string; bar: string; text: string }> = {
  ok: { icon: '✓', label: 'Within budget', bar: 'bg-green-700', text: 'text-green-900' },
  near: { icon: '⚠', label: 'Close to the target', bar: 'bg-amber-500', text: 'text-amber-900' },
  over: { icon: '✕', label: 'Over budget', bar: 'bg-red-700', text: 'text-red-900' },
};

/** Exact bytes for a tooltip, grouped for reading: "17,500,000 bytes". */
export function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The share of the target, worded so it cannot read as "percent left" or
 * "percent over": "uses 4.8 % of the target", "6.9 × the target".
 */
export function targetShareText(totalBytes: number, targetBytes: number): string {
  if (targetBytes <= 0) return totalBytes > 0 ? 'no target set' : 'uses 0 % of the target';
  const percent = (totalBytes / targetBytes) * 100;
  if (percent <= 100) return `uses ${percent.toFixed(1)} % of the target`;
  if (percent < 200) return `${percent.toFixed(1)} % of the target`;
  return `${(percent / 100).toFixed(1)} × the target`;
}
