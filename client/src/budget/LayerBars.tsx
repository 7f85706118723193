import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { Budget } from '../../../shared/budget/computeBudget.ts';
import { exactBytes } from './budgetLevel.ts';

/** One bar per layer, top layer first like the canvas, scaled to the target. */
export function LayerBars({ budget }: { budget: Budget }) {
  const scale = Math.max(budget.targetBytes, budget.totalBytes, 1);
  const rows = budget.layers.map((layer, index) => ({ ...layer, index })).reverse();
  return (
    <ul className="flex flex-col gap-1" aria-label="Size per layer">
      {rows.map((layer) => (
        <li key={layer.index} className="grid grid-cols-[7rem_1fr_4.5rem] items-center gap-2 text-xs">
          <span className="truncate" title={layer.name}>
            {layer.index + 1}. {layer.name}
          </span>
          <span className="h-2.5 overflow-hidden rounded bg-slate-200">
            <span className="block h-full bg-slate-700" style={{ width: `${(layer.bytes / scale) * 100}%` }} />
          </span>
          <span className="text-right tabular-nums" title={exactBytes(layer.bytes)}>
            {formatBytes(layer.bytes)}
          </span>
        </li>
      ))}
    </ul>
  );
}
