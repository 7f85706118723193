import type { ClientRect, CollisionDetection, DroppableContainer, UniqueIdentifier } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { collisionForDrag } from './collisionForDrag.ts';
import type { DragData, DropData } from './dragData.ts';
import type { DropTarget } from './resolveDrop.ts';

type Args = Parameters<CollisionDetection>[0];

function rect(left: number, top: number, width: number, height: number): ClientRect {
  return { left, top, width, height, right: left + width, bottom: top + height };
}

/** Two bands (layer 1 above layer 0) and the new-layer zone on top. */
const TARGETS: [UniqueIdentifier, DropData, ClientRect][] = [
  ['new-layer', { kind: 'new-layer' }, rect(0, 0, 400, 40)],
  ['layer:1', { kind: 'layer', layerIndex: 1 }, rect(0, 50, 400, 80)],
  ['layer:0', { kind: 'layer', layerIndex: 0 }, rect(0, 140, 400, 80)],
];

function args(drag: DragData, pointer: { x: number; y: number } | null): Args {
  const droppableContainers = TARGETS.map(([id, data]) => ({ id, data: { current: data } }) as unknown as DroppableContainer);
  return {
    active: { id: 'active', data: { current: drag } } as unknown as Args['active'],
    collisionRect: rect((pointer?.x ?? 0) - 10, (pointer?.y ?? 0) - 10, 20, 20),
    droppableRects: new Map(TARGETS.map(([id, , r]) => [id, r])),
    droppableContainers,
    pointerCoordinates: pointer,
  };
}

const palette: DragData = { kind: 'palette', componentId: 'busybox' };

describe('collisionForDrag', () => {
  it('with a pointer, answers the band or zone under it, else nothing', () => {
    const detect = collisionForDrag({ current: null });
    expect(detect(args(palette, { x: 50, y: 100 })).map((c) => c.id)).toEqual(['layer:1']);
    expect(detect(args(palette, { x: 200, y: 20 })).map((c) => c.id)).toEqual(['new-layer']);
    expect(detect(args(palette, { x: 200, y: 300 }))).toEqual([]);
  });

  it('returns the very same array while the answer does not change (dnd-kit re-renders every hook on a new one)', () => {
    const detect = collisionForDrag({ current: null });
    const first = detect(args(palette, { x: 50, y: 100 }));
    expect(detect(args(palette, { x: 60, y: 110 }))).toBe(first);
    expect(detect(args(palette, { x: 60, y: 160 }))).not.toBe(first);
  });

  it('offers only layers to a dragged layer', () => {
    const detect = collisionForDrag({ current: null });
    expect(detect(args({ kind: 'layer', layerIndex: 0 }, { x: 50, y: 100 })).map((c) => c.id)).toEqual(['layer:1']);
  });

  it('with the keyboard, returns the band of the chosen target', () => {
    const target: { current: DropTarget | null } = { current: null };
    const detect = collisionForDrag(target);
    expect(detect(args(palette, null))).toEqual([]);
    target.current = { kind: 'slot', layerIndex: 0, position: 0 };
    expect(detect(args(palette, null)).map((c) => c.id)).toEqual(['layer:0']);
    target.current = { kind: 'new-layer' };
    expect(detect(args({ kind: 'layer', layerIndex: 0 }, null))).toEqual([]);
  });
});
