/** What is being dragged, stored in dnd-kit's `data` of each draggable. */
export type DragData =
  | { kind: 'palette'; componentId: string }
  | { kind: 'item'; componentId: string; layerIndex: number; index: number }
  | { kind: 'layer'; layerIndex: number };

/**
 * dnd-kit's droppables: one per layer band (components and layers) and the
 * new-layer zone. Components are not droppables: the slot inside a band comes
 * from our own hit-testing (`slotRects.ts`, `dropSpot.ts`).
 */
export type DropData = { kind: 'layer'; layerIndex: number } | { kind: 'new-layer' };

export const NEW_LAYER_ID = 'new-layer';
export const paletteDragId = (componentId: string) => `palette:${componentId}`;
export const itemDragId = (componentId: string) => `item:${componentId}`;
export const layerDragId = (layerIndex: number) => `layer:${layerIndex}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Narrows dnd-kit's untyped `data.current`. */
export function asDragData(value: unknown): DragData | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'palette' || value.kind === 'item' || value.kind === 'layer') return value as DragData;
  return null;
}

export function asDropData(value: unknown): DropData | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'layer' || value.kind === 'new-layer') return value as DropData;
  return null;
}

/** Layers only take layers; components take layer bands and the new-layer zone. */
export function accepts(drag: DragData, drop: DropData): boolean {
  if (drag.kind === 'layer') return drop.kind === 'layer';
  return true;
}

/** The DndContext's id, hence the id of its screen-reader instructions (`aria-describedby` of every draggable). */
export const DND_DESCRIBED_BY_ID = 'design-dnd';
