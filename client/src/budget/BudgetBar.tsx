import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { Budget } from '../../../shared/budget/computeBudget.ts';
import { budgetLevel, exactBytes, LEVEL_TEXT, targetShareText } from './budgetLevel.ts';

/** Total against target: bar, icon and words, never colour alone. */
export function BudgetBar({ budget }: { budget: Budget }) {
  const level = budgetLevel(budget.totalBytes, budget.targetBytes);
  const look = LEVEL_TEXT[level];
  const percent = budget.targetBytes > 0 ? (budget.totalBytes / budget.targetBytes) * 100 : 100;
  const remaining = budget.targetBytes - budget.totalBytes;
  return (
    <div data-level={level} data-testid="budget-state" className="flex flex-col gap-1.5">
      <p className="text-2xl font-bold tabular-nums">
        <span data-testid="budget-total" data-bytes={budget.totalBytes} title={exactBytes(budget.totalBytes)}>
          {formatBytes(budget.totalBytes)}
        </span>
        <span className="text-base font-normal text-slate-700">
          {' of '}
          <span data-testid="budget-target" data-bytes={budget.targetBytes} title={exactBytes(budget.targetBytes)}>
            {formatBytes(budget.targetBytes)}
          </span>
        </span>
      </p>
      <div
        role="meter"
        aria-label="Image size against the target"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(percent, 100))}
        aria-valuetext={`${percent.toFixed(1)} % of the target`}
        className="h-4 w-full overflow-hidden rounded bg-slate-200 ring-1 ring-slate-400"
      >
        <div className={`h-full ${look.bar}`} style={{ width: `${Math.min(percent, 100)}%` }} />
      </div>
      <p className={`flex flex-wrap items-center gap-2 text-sm font-semibold ${look.text}`}>
        <span aria-hidden="true">{look.icon}</span>
        <span>{look.label}</span>
        <span className="font-normal text-slate-800">·</span>
        <span title={exactBytes(Math.abs(remaining))}>
          {remaining >= 0 ? `${formatBytes(remaining)} left` : `${formatBytes(-remaining)} over the target`}
        </span>
        <span className="font-normal text-slate-800" data-testid="budget-share">
          ({targetShareText(budget.totalBytes, budget.targetBytes)})
        </span>
      </p>
    </div>
  );
}
