import { applyEdit } from '../../../shared/design/applyEdit.ts';
import type { DesignAction } from '../../../shared/design/designActions.ts';
import type { Design } from '../../../shared/design/types.ts';
import type { DragData, DropData } from './dragData.ts';

/** A fresh layer name not used yet: `layer-2`, `layer-3`, … */
export function newLayerName(design: Design): string {
  const used = new Set(design.layers.map((l) => l.name));
  for (let n = design.layers.length + 1; ; n++) {
    const name = `layer-${n}`;
    if (!used.has(name)) return name;
  }
}

/**
 * Turns a drop into one shared edit (or null when nothing changes).
 * `after` says the dragged thing's centre is past the target item's centre,
 * so it goes after that item rather than before.
 */
export function resolveDrop(design: Design, drag: DragData, drop: DropData, after = false): DesignAction | null {
  if (drag.kind === 'layer') {
    if (drop.kind !== 'layer' || drop.layerIndex === drag.layerIndex) return null;
    return { type: 'moveLayer', from: drag.layerIndex, to: drop.layerIndex };
  }
  if (drop.kind === 'new-layer') {
    const name = newLayerName(design);
    const index = design.layers.length;
    if (drag.kind === 'palette') return { type: 'addLayer', index, name, components: [drag.componentId] };
    // Moving an existing item into a new layer is two edits made one undo step.
    const removed = applyEdit(design, { type: 'removeComponent', layerIndex: drag.layerIndex, index: drag.index });
    if (!removed.ok) return null;
    const added = applyEdit(removed.design, { type: 'addLayer', index, name, components: [drag.componentId] });
    return added.ok ? { type: 'replace', design: added.design } : null;
  }
  const targetLayer = design.layers[drop.layerIndex];
  if (!targetLayer) return null;
  if (drag.kind === 'palette') {
    const index = drop.kind === 'item' ? drop.index + (after ? 1 : 0) : targetLayer.components.length;
    return { type: 'addComponent', layerIndex: drop.layerIndex, index, componentId: drag.componentId };
  }
  const from = { layerIndex: drag.layerIndex, index: drag.index };
  if (drop.layerIndex === drag.layerIndex) {
    // Same layer: sortable semantics, the item takes the target's index.
    const index = drop.kind === 'item' ? drop.index : targetLayer.components.length - 1;
    if (index === drag.index) return null;
    return { type: 'moveComponent', from, to: { layerIndex: drop.layerIndex, index } };
  }
  const index = drop.kind === 'item' ? drop.index + (after ? 1 : 0) : targetLayer.components.length;
  return { type: 'moveComponent', from, to: { layerIndex: drop.layerIndex, index } };
}
