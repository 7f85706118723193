import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMemo } from 'react';
import { useBudgetContext, useCatalogContext } from '../common/pageContexts.ts';
import { useReducedMotion } from '../common/useReducedMotion.ts';
import { layerDragId } from '../dnd/dragData.ts';
import { newLayerName } from '../dnd/resolveDrop.ts';
import { appStore, useAppStore } from '../store/useAppStore.ts';
import { canvasLooks } from './canvasLooks.ts';
import { DropPreview } from './DropPreview.tsx';
import { EmptyDesignGuide } from './EmptyDesignGuide.tsx';
import { LayerBand } from './LayerBand.tsx';
import { Waterline } from './LayerItems.tsx';
import { layerViews } from './layerViews.ts';
import { NewLayerDropzone } from './NewLayerDropzone.tsx';
import { StackLegend } from './StackLegend.tsx';
import { ViewToggle } from './ViewToggle.tsx';

/**
 * The stack, drawn bottom-up like a cross-section: base at the bottom. The
 * canvas view draws it to scale against the waterline (the target); the list
 * view is the compact form.
 */
export function StackCanvas() {
  const design = useAppStore((s) => s.design);
  const view = useAppStore((s) => s.stackView);
  const budget = useBudgetContext();
  const { byId, source } = useCatalogContext();
  const reducedMotion = useReducedMotion();
  const views = useMemo(() => layerViews(design, budget, byId, source === 'loading'), [design, budget, byId, source]);
  const canvas = useMemo(() => (view === 'canvas' ? canvasLooks(budget) : null), [view, budget]);
  const layerCount = design.layers.length;
  // Visual order is top first; sortable indices follow the visual order.
  const visualIds = useMemo(() => design.layers.map((_, i) => layerDragId(i)).reverse(), [design.layers]);
  const isEmpty = design.layers.every((l) => l.components.length === 0);
  const addLayer = () =>
    appStore.getState().edit({ type: 'addLayer', index: layerCount, name: newLayerName(appStore.getState().design) });

  return (
    <section aria-labelledby="stack-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="stack-heading" className="text-lg font-bold">
          Layers <span className="text-sm font-normal text-slate-700">(top of the image first, base at the bottom)</span>
        </h2>
        <div className="flex items-center gap-2">
          <ViewToggle />
          <button type="button" onClick={addLayer} className="rounded border border-slate-500 bg-white px-2 py-1 text-sm hover:bg-slate-100">
            Add layer
          </button>
        </div>
      </div>
      {canvas && source !== 'loading' ? <StackLegend imageClass={budget.formation} totalBytes={budget.totalBytes} /> : null}
      {isEmpty ? <EmptyDesignGuide /> : null}
      <DropPreview />
      <NewLayerDropzone />
      <div
        data-testid={canvas ? 'stack-canvas' : 'stack-list'}
        data-scale={canvas ? 'sqrt' : undefined}
        className={canvas ? 'rounded-lg bg-gradient-to-b from-white to-sky-50 p-1' : undefined}
      >
        {canvas?.waterlineAbove && source !== 'loading' ? <Waterline targetBytes={budget.targetBytes} /> : null}
        <SortableContext id="layers" items={visualIds} strategy={verticalListSortingStrategy}>
          <ol className="flex flex-col gap-2" aria-label="Layers, top first">
            {views
              .map((layerView, layerIndex) => (
                <LayerBand
                  key={layerIndex}
                  layerIndex={layerIndex}
                  layerCount={layerCount}
                  name={layerView.name}
                  bytes={layerView.bytes}
                  items={layerView.items}
                  itemsKey={layerView.itemsKey}
                  reducedMotion={reducedMotion}
                  canvas={canvas?.looks[layerIndex] ?? null}
                />
              ))
              .reverse()}
          </ol>
        </SortableContext>
      </div>
    </section>
  );
}
