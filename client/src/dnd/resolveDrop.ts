import { applyEdit } from '../../../shared/design/applyEdit.ts';
import type { DesignAction } from '../../../shared/design/designActions.ts';
import type { Design } from '../../../shared/design/types.ts';
import type { DragData } from './dragData.ts';
import type { DropSpot } from './dropSpot.ts';

/** Where a drop lands: a component slot, the new-layer zone, or (for a dragged layer) a layer's place. */
export type DropTarget = DropSpot | { kind: 'layer'; layerIndex: number };

/** A fresh layer name not used yet: `layer-2`, `layer-3`, … */
export function newLayerName(design: Design): string {
  const used = new Set(design.layers.map((l) => l.name));
  for (let n = design.layers.length + 1; ; n++) {
    const name = `layer-${n}`;
    if (!used.has(name)) return name;
  }
}

/**
 * The index a moved item ends at when inserted at slot `position` of its own
 * layer (slots count the gaps before each item, and the end).
 */
export function finalIndexInSameLayer(from: number, position: number): number {
  return position > from ? position - 1 : position;
}

/** Turns a drop into one shared edit (or null when nothing changes). */
export function resolveDrop(design: Design, drag: DragData, target: DropTarget): DesignAction | null {
  if (drag.kind === 'layer') {
    if (target.kind !== 'layer' || target.layerIndex === drag.layerIndex) return null;
    return { type: 'moveLayer', from: drag.layerIndex, to: target.layerIndex };
  }
  if (target.kind === 'new-layer') {
    const name = newLayerName(design);
    const index = design.layers.length;
    if (drag.kind === 'palette') return { type: 'addLayer', index, name, components: [drag.componentId] };
    // Moving an existing item into a new layer is two edits made one undo step.
    const removed = applyEdit(design, { type: 'removeComponent', layerIndex: drag.layerIndex, index: drag.index });
    if (!removed.ok) return null;
    const added = applyEdit(removed.design, { type: 'addLayer', index, name, components: [drag.componentId] });
    return added.ok ? { type: 'replace', design: added.design } : null;
  }
  const targetLayer = design.layers[target.layerIndex];
  if (!targetLayer) return null;
  const count = targetLayer.components.length;
  const position = Math.min(count, Math.max(0, target.kind === 'slot' ? target.position : count));
  if (drag.kind === 'palette') {
    return { type: 'addComponent', layerIndex: target.layerIndex, index: position, componentId: drag.componentId };
  }
  const from = { layerIndex: drag.layerIndex, index: drag.index };
  if (target.layerIndex === drag.layerIndex) {
    const index = finalIndexInSameLayer(drag.index, position);
    if (index === drag.index) return null;
    return { type: 'moveComponent', from, to: { layerIndex: target.layerIndex, index } };
  }
  return { type: 'moveComponent', from, to: { layerIndex: target.layerIndex, index: position } };
}
