import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { COMPARISON_FIGURES } from './comparisonFigures.ts';
import { exactBytes } from './budgetLevel.ts';

function times(ratio: number): string {
  return ratio >= 10 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(1);
}

function ratioText(total: number, other: number): string {
  if (total === 0) return '';
  const ratio = total / other;
  if (ratio >= 1) return `yours is ${times(ratio)}× its size`;
  return `yours is ${times(1 / ratio)}× smaller`;
}

/** Reference images, each with its source on hover and focus. */
export function ComparisonList({ totalBytes }: { totalBytes: number }) {
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {COMPARISON_FIGURES.map((figure) => (
        <li key={figure.name} className="flex flex-wrap items-baseline justify-between gap-x-2">
          <span>
            <abbr title={figure.source} tabIndex={0} className="cursor-help">
              {figure.name}
            </abbr>
          </span>
          <span className="tabular-nums" title={exactBytes(figure.bytes)}>
            ≈ {formatBytes(figure.bytes)}
            <span className="ml-1 text-xs text-slate-700">{ratioText(totalBytes, figure.bytes)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
