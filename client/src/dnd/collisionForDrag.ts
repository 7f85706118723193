import { closestCenter, pointerWithin, type Active, type ClientRect, type CollisionDetection, type Over, type UniqueIdentifier } from '@dnd-kit/core';
import { accepts, asDragData, asDropData } from './dragData.ts';

/**
 * Collision detection that only offers compatible targets. With a pointer,
 * the target is what is under it (an item wins over its layer band); with the
 * keyboard it is exactly the target the arrow keys chose.
 */
export function collisionForDrag(keyboardTarget: { current: UniqueIdentifier | null }): CollisionDetection {
  return (args) => {
    const drag = asDragData(args.active.data.current);
    if (!drag) return [];
    const candidates = args.droppableContainers.filter((c) => {
      const drop = asDropData(c.data.current);
      return drop !== null && accepts(drag, drop);
    });
    if (!args.pointerCoordinates) {
      // Keyboard: exactly the target the arrow keys chose; before the first
      // arrow, an item or layer is over its own place and a palette card nowhere.
      const id = keyboardTarget.current ?? args.active.id;
      return candidates.some((c) => c.id === id) ? [{ id }] : [];
    }
    if (drag.kind === 'layer') return closestCenter({ ...args, droppableContainers: candidates });
    // Two passes keep a move cheap on big designs (each rect read costs scroll
    // lookups in dnd-kit): first the ~40 bands, then only that band's items.
    const bands = candidates.filter((c) => asDropData(c.data.current)?.kind !== 'item');
    const band = pointerWithin({ ...args, droppableContainers: bands })[0];
    const bandDrop = band ? asDropData(bands.find((c) => c.id === band.id)?.data.current) : null;
    if (!band || bandDrop?.kind !== 'layer') return band ? [band] : [];
    const items = candidates.filter((c) => {
      const drop = asDropData(c.data.current);
      return drop?.kind === 'item' && drop.layerIndex === bandDrop.layerIndex;
    });
    const item = pointerWithin({ ...args, droppableContainers: items })[0];
    return [item ?? band];
  };
}

function centre(rect: ClientRect) {
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/**
 * Whether the dragged thing sits past the centre of the item it is over:
 * on the same row compare x (chips wrap left to right), otherwise y.
 */
export function isPastCentre(active: Active, over: Over): boolean {
  const rect = active.rect.current.translated;
  if (!rect) return false;
  const a = centre(rect);
  const o = centre(over.rect);
  if (Math.abs(a.y - o.y) < over.rect.height / 2) return a.x > o.x + 1;
  return a.y > o.y + 1;
}
