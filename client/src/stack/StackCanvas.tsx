import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMemo } from 'react';
import { useBudgetContext, useCatalogContext } from '../common/pageContexts.ts';
import { useReducedMotion } from '../common/useReducedMotion.ts';
import { layerDragId } from '../dnd/dragData.ts';
import { newLayerName } from '../dnd/resolveDrop.ts';
import { appStore, useAppStore } from '../store/useAppStore.ts';
import { EmptyDesignGuide } from './EmptyDesignGuide.tsx';
import { LayerBand } from './LayerBand.tsx';
import { layerViews } from './layerViews.ts';
import { NewLayerDropzone } from './NewLayerDropzone.tsx';

/** The stack, drawn bottom-up like a cross-section: base at the bottom. */
export function StackCanvas() {
  const design = useAppStore((s) => s.design);
  const budget = useBudgetContext();
  const { byId } = useCatalogContext();
  const reducedMotion = useReducedMotion();
  const views = useMemo(() => layerViews(design, budget, byId), [design, budget, byId]);
  const layerCount = design.layers.length;
  // Visual order is top first; sortable indices follow the visual order.
  const visualIds = useMemo(() => design.layers.map((_, i) => layerDragId(i)).reverse(), [design.layers]);
  const isEmpty = design.layers.every((l) => l.components.length === 0);
  const addLayer = () =>
    appStore.getState().edit({ type: 'addLayer', index: layerCount, name: newLayerName(appStore.getState().design) });

  return (
    <section aria-labelledby="stack-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="stack-heading" className="text-lg font-bold">
          Layers <span className="text-sm font-normal text-slate-700">(top of the image first, base at the bottom)</span>
        </h2>
        <button type="button" onClick={addLayer} className="rounded border border-slate-500 bg-white px-2 py-1 text-sm hover:bg-slate-100">
          Add layer
        </button>
      </div>
      {isEmpty ? <EmptyDesignGuide /> : null}
      <NewLayerDropzone />
      <SortableContext id="layers" items={visualIds} strategy={verticalListSortingStrategy}>
        <ol className="flex flex-col gap-2" aria-label="Layers, top first">
          {views
            .map((view, layerIndex) => (
              <LayerBand
                key={layerIndex}
                layerIndex={layerIndex}
                layerCount={layerCount}
                name={view.name}
                bytes={view.bytes}
                items={view.items}
                itemsKey={view.itemsKey}
                reducedMotion={reducedMotion}
              />
            ))
            .reverse()}
        </ol>
      </SortableContext>
    </section>
  );
}
