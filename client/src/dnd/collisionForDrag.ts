import { closestCenter, pointerWithin, type Collision, type CollisionDetection, type UniqueIdentifier } from '@dnd-kit/core';
import { NEW_LAYER_ID, accepts, asDragData, asDropData, layerDragId } from './dragData.ts';
import type { DropTarget } from './resolveDrop.ts';

/** The dnd-kit droppable a target lies in: its layer band, or the new-layer zone. */
export function droppableIdOf(target: DropTarget): UniqueIdentifier {
  return target.kind === 'new-layer' ? NEW_LAYER_ID : layerDragId(target.layerIndex);
}

/**
 * Collision detection over the ~40 layer bands and the new-layer zone (the
 * slot inside a band is ours, see `slotRects.ts`). With a pointer, the band
 * under it; with the keyboard, exactly the band of the target the arrow keys
 * chose.
 *
 * dnd-kit puts the returned array in the context every dragged and dropped
 * hook reads, so a new array each move re-rendered all of them: an unchanged
 * answer returns the previous array itself.
 */
export function collisionForDrag(keyboardTarget: { current: DropTarget | null }): CollisionDetection {
  let last: Collision[] = [];
  const stable = (next: Collision[]): Collision[] => {
    if (next.length === last.length && next.every((c, i) => c.id === last[i]?.id)) return last;
    last = next;
    return next;
  };
  return (args) => {
    const drag = asDragData(args.active.data.current);
    if (!drag) return stable([]);
    const candidates = args.droppableContainers.filter((c) => {
      const drop = asDropData(c.data.current);
      return drop !== null && accepts(drag, drop);
    });
    if (!args.pointerCoordinates) {
      const target = keyboardTarget.current;
      const id = target ? droppableIdOf(target) : null;
      return stable(id !== null && candidates.some((c) => c.id === id) ? [{ id }] : []);
    }
    if (drag.kind === 'layer') {
      const nearest = closestCenter({ ...args, droppableContainers: candidates })[0];
      return stable(nearest ? [{ id: nearest.id }] : []);
    }
    const under = pointerWithin({ ...args, droppableContainers: candidates })[0];
    return stable(under ? [{ id: under.id }] : []);
  };
}
