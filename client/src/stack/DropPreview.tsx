import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { useBudgetContext, useCatalogContext } from '../common/pageContexts.ts';
import { useActiveDrag, useDropSpot } from '../dnd/dropSpot.ts';
import { appStore } from '../store/useAppStore.ts';

/**
 * During a drag from the palette: the image's total if dropped here, against
 * the target. (A move inside the stack keeps the total; it says so.)
 */
export function DropPreview() {
  const drag = useActiveDrag();
  const spot = useDropSpot();
  const budget = useBudgetContext();
  const { byId } = useCatalogContext();
  // Always one line tall: a line that appeared at drag start would shift every
  // band after dnd-kit measured them.
  if (!drag || drag.kind === 'layer' || !spot) {
    return (
      <p data-testid="drop-preview" className="truncate rounded bg-slate-100 px-2 py-1 text-sm text-slate-800">
        {drag && drag.kind !== 'layer'
          ? 'Not over a layer: dropping here changes nothing.'
          : 'While you drag a component, this line shows the image’s new total.'}
      </p>
    );
  }
  const planned = appStore.getState().design.planned?.find((p) => p.id === drag.componentId);
  const added = drag.kind === 'palette' ? (byId.get(drag.componentId)?.sizeBytes ?? planned?.estimatedBytes ?? 0) : 0;
  const total = budget.totalBytes + added;
  const over = total > budget.targetBytes;
  const margin = Math.abs(budget.targetBytes - total);
  return (
    <p
      data-testid="drop-preview"
      data-bytes={total}
      className={`truncate rounded px-2 py-1 text-sm font-medium ${over ? 'bg-glacier-bg text-glacier-fg' : 'bg-floe-bg text-floe-fg'}`}
    >
      If dropped here: {formatBytes(total)} in all{added === 0 ? ' (a move keeps the total)' : ` (+${formatBytes(added)})`} —{' '}
      {over ? `${formatBytes(margin)} over the target, above the waterline` : `${formatBytes(margin)} under the target`}.
    </p>
  );
}
