import type { Design } from '../../../shared/design/types.ts';
import type { DragData } from './dragData.ts';
import { finalIndexInSameLayer, type DropTarget } from './resolveDrop.ts';

export type NameOf = (componentId: string) => string;

function layerName(design: Design, layerIndex: number): string {
  const name = design.layers[layerIndex]?.name ?? '';
  const where = layerIndex === 0 ? ', the bottom layer' : '';
  return `layer ${layerIndex + 1} “${name}”${where}`;
}

/** "hello" or "layer “base”": what a screen reader calls the dragged thing. */
export function describeDragged(design: Design, drag: DragData, nameOf: NameOf): string {
  if (drag.kind === 'layer') return `layer “${design.layers[drag.layerIndex]?.name ?? ''}”`;
  return nameOf(drag.componentId);
}

/** The target layer and position, as the drop would place it. */
export function describeTarget(design: Design, drag: DragData, target: DropTarget): string {
  const layerCount = design.layers.length;
  if (drag.kind === 'layer') {
    if (target.kind !== 'layer') return 'no valid position';
    return `position ${target.layerIndex + 1} of ${layerCount} counted from the bottom`;
  }
  if (target.kind === 'new-layer') return `a new layer on top, position 1 of 1`;
  const layer = design.layers[target.layerIndex];
  if (!layer) return 'no valid position';
  const n = layer.components.length;
  const slot = target.kind === 'slot' ? Math.min(n, target.position) : n;
  if (drag.kind === 'item' && drag.layerIndex === target.layerIndex) {
    return `${layerName(design, target.layerIndex)}, position ${finalIndexInSameLayer(drag.index, slot) + 1} of ${n}`;
  }
  return `${layerName(design, target.layerIndex)}, position ${slot + 1} of ${n + 1}`;
}
