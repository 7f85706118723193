import { useMemo, useState } from 'react';
import { analyzeDesign } from '../../../shared/analyzer/analyzeDesign.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { ClassBadge } from '../common/ClassBadge.tsx';
import { useBudgetContext, useCatalogContext } from '../common/pageContexts.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { BudgetBar } from './BudgetBar.tsx';
import { ComparisonList } from './ComparisonList.tsx';
import { FindingsList } from './FindingsList.tsx';
import { LayerBars } from './LayerBars.tsx';

function crossingMessage(over: boolean, remaining: number, target: number): string {
  return over
    ? `Over budget: ${formatBytes(-remaining)} over the ${formatBytes(target)} target.`
    : `Back within budget: ${formatBytes(remaining)} left of the ${formatBytes(target)} target.`;
}

/** Live size budget, reference figures and analyzer findings. */
export function BudgetPanel() {
  const budget = useBudgetContext();
  const { items, source } = useCatalogContext();
  const design = useAppStore((s) => s.design);
  const findings = useMemo(() => analyzeDesign(design, items), [design, items]);
  // Announce only when the target is crossed, not on every change.
  const [wasOver, setWasOver] = useState(budget.overBudget);
  const [crossing, setCrossing] = useState('');
  if (wasOver !== budget.overBudget) {
    setWasOver(budget.overBudget);
    setCrossing(crossingMessage(budget.overBudget, budget.remainingBytes, budget.targetBytes));
  }

  return (
    <section aria-labelledby="budget-heading" className="flex flex-col gap-4">
      <h2 id="budget-heading" className="text-lg font-bold">
        Budget
      </h2>
      <p role="status" aria-live="polite" data-testid="budget-announcement" className="sr-only">
        {crossing}
      </p>
      {source === 'loading' ? <p className="text-sm text-slate-700">Loading component sizes…</p> : <BudgetBar budget={budget} />}
      <div className="flex items-center gap-2 text-sm">
        <span>Image class:</span>
        <ClassBadge componentClass={budget.formation} />
      </div>
      {budget.estimated ? (
        <p className="rounded bg-slate-100 p-2 text-xs text-slate-800">
          <span aria-hidden="true">≈ </span>Some sizes are estimates (marked “est.”). They become measured once this server has
          built those components.
        </p>
      ) : null}
      {budget.unknownComponents.length > 0 && source !== 'loading' ? (
        <p className="rounded bg-glacier-bg p-2 text-xs text-glacier-fg">
          Unknown components count as 0 bytes: {budget.unknownComponents.join(', ')}.
        </p>
      ) : null}
      <section aria-labelledby="layers-size-heading">
        <h3 id="layers-size-heading" className="mb-1 text-sm font-bold">
          Per layer
        </h3>
        <LayerBars budget={budget} />
      </section>
      <section aria-labelledby="findings-heading">
        <h3 id="findings-heading" className="mb-1 text-sm font-bold">
          Findings
        </h3>
        {source === 'loading' ? (
          <p className="text-sm text-slate-700" data-testid="findings-loading">
            <span aria-hidden="true">… </span>Checking the design once component sizes have loaded.
          </p>
        ) : (
          <FindingsList findings={findings} />
        )}
      </section>
      <section aria-labelledby="compare-heading">
        <h3 id="compare-heading" className="mb-1 text-sm font-bold">
          Compared with
        </h3>
        <ComparisonList totalBytes={budget.totalBytes} />
      </section>
    </section>
  );
}
