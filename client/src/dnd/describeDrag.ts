import type { Design } from '../../../shared/design/types.ts';
import type { DragData, DropData } from './dragData.ts';

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
export function describeTarget(design: Design, drag: DragData, drop: DropData): string {
  const layerCount = design.layers.length;
  if (drag.kind === 'layer') {
    if (drop.kind !== 'layer') return 'no valid position';
    return `position ${drop.layerIndex + 1} of ${layerCount} counted from the bottom`;
  }
  if (drop.kind === 'new-layer') return `a new layer on top, position 1 of 1`;
  const layer = design.layers[drop.layerIndex];
  if (!layer) return 'no valid position';
  const sameLayer = drag.kind === 'item' && drag.layerIndex === drop.layerIndex;
  const count = sameLayer ? layer.components.length : layer.components.length + 1;
  const position = drop.kind === 'item' ? drop.index + 1 : count;
  return `${layerName(design, drop.layerIndex)}, position ${position} of ${count}`;
}
