import { appStore } from '../store/useAppStore.ts';
import type { NameOf } from './describeDrag.ts';
import type { DragData } from './dragData.ts';

/** What follows the pointer while dragging. */
export function DragPreview({ drag, nameOf }: { drag: DragData; nameOf: NameOf }) {
  const label =
    drag.kind === 'layer' ? `Layer “${appStore.getState().design.layers[drag.layerIndex]?.name ?? ''}”` : nameOf(drag.componentId);
  return (
    <div className="pointer-events-none rounded-md border-2 border-slate-700 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 shadow-lg">
      {label}
    </div>
  );
}
