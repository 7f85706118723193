import { useSyncExternalStore } from 'react';
import type { DragData } from './dragData.ts';

/**
 * Where a dragged component would land: a slot inside a layer (before the
 * item at `position`, or at the end when `position` equals the item count),
 * or the new-layer zone. dnd-kit only knows the layer band the pointer is
 * over; the slot inside it is ours, so moving along a band re-renders the one
 * band that draws the insertion marker and nothing else.
 */
export type DropSpot = { kind: 'slot'; layerIndex: number; position: number } | { kind: 'new-layer' };

let current: DropSpot | null = null;
let activeDrag: DragData | null = null;
const listeners = new Set<() => void>();

export function dropSpotKey(spot: DropSpot | null): string {
  if (!spot) return 'none';
  return spot.kind === 'new-layer' ? 'new-layer' : `slot:${spot.layerIndex}:${spot.position}`;
}

export function getDropSpot(): DropSpot | null {
  return current;
}

/** Sets the spot; listeners run only when it really changed. */
export function setDropSpot(spot: DropSpot | null): void {
  if (dropSpotKey(spot) === dropSpotKey(current)) return;
  current = spot;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The insertion position inside one layer, or null when the spot is elsewhere. */
export function useDropPosition(layerIndex: number): number | null {
  return useSyncExternalStore(subscribe, () =>
    current?.kind === 'slot' && current.layerIndex === layerIndex ? current.position : null,
  );
}

/** The whole spot (for the drag preview of the new total). */
export function useDropSpot(): DropSpot | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** What is being dragged (for the canvas's preview of the new total); set by the dnd provider. */
export function setActiveDrag(drag: DragData | null): void {
  if (drag === activeDrag) return;
  activeDrag = drag;
  for (const listener of listeners) listener();
}

export function useActiveDrag(): DragData | null {
  return useSyncExternalStore(subscribe, () => activeDrag);
}
