import type { UniqueIdentifier } from '@dnd-kit/core';
import type { Design } from '../../../shared/design/types.ts';
import { NEW_LAYER_ID, itemDragId, layerDragId, type DragData } from './dragData.ts';

/**
 * Drop targets in reading order (top of the stack first), which arrow keys
 * step through: the new-layer zone, then per layer its items and its end.
 */
export function keyboardTargets(design: Design, drag: DragData): UniqueIdentifier[] {
  const ids: UniqueIdentifier[] = [];
  if (drag.kind === 'layer') {
    for (let i = design.layers.length - 1; i >= 0; i--) ids.push(layerDragId(i));
    return ids;
  }
  ids.push(NEW_LAYER_ID);
  for (let i = design.layers.length - 1; i >= 0; i--) {
    for (const componentId of design.layers[i]?.components ?? []) ids.push(itemDragId(componentId));
    ids.push(layerDragId(i));
  }
  return ids;
}

/** The next target for an arrow key: Down/Right go forward, Up/Left back. */
export function stepTarget(
  targets: readonly UniqueIdentifier[],
  current: UniqueIdentifier | null,
  forward: boolean,
): UniqueIdentifier | null {
  if (targets.length === 0) return null;
  const index = current === null ? -1 : targets.indexOf(current);
  if (index === -1) return forward ? (targets[0] ?? null) : (targets.at(-1) ?? null);
  const next = Math.min(targets.length - 1, Math.max(0, index + (forward ? 1 : -1)));
  return targets[next] ?? null;
}
