import type { ClientRect, CollisionDetection, DroppableContainer, UniqueIdentifier } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { collisionForDrag } from './collisionForDrag.ts';
import type { DragData, DropData } from './dragData.ts';

type Args = Parameters<CollisionDetection>[0];

function rect(left: number, top: number, width: number, height: number): ClientRect {
  return { left, top, width, height, right: left + width, bottom: top + height };
}

/** Two bands (layer 1 above layer 0), one item in each, and the new-layer zone on top. */
const TARGETS: [UniqueIdentifier, DropData, ClientRect][] = [
  ['new-layer', { kind: 'new-layer' }, rect(0, 0, 400, 40)],
  ['layer:1', { kind: 'layer', layerIndex: 1 }, rect(0, 50, 400, 80)],
  ['item:hello', { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 }, rect(10, 90, 100, 30)],
  ['layer:0', { kind: 'layer', layerIndex: 0 }, rect(0, 140, 400, 80)],
  ['item:tzdata', { kind: 'item', componentId: 'tzdata', layerIndex: 0, index: 0 }, rect(10, 180, 100, 30)],
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
  it('with a pointer, prefers the item under it, else its band, else nothing', () => {
    const detect = collisionForDrag({ current: null });
    expect(detect(args(palette, { x: 50, y: 100 })).map((c) => c.id)).toEqual(['item:hello']);
    expect(detect(args(palette, { x: 300, y: 100 })).map((c) => c.id)).toEqual(['layer:1']);
    expect(detect(args(palette, { x: 200, y: 20 })).map((c) => c.id)).toEqual(['new-layer']);
    expect(detect(args(palette, { x: 200, y: 300 }))).toEqual([]);
  });

  it('offers only layers to a dragged layer', () => {
    const detect = collisionForDrag({ current: null });
    const ids = detect(args({ kind: 'layer', layerIndex: 0 }, { x: 50, y: 100 })).map((c) => c.id);
    expect(ids[0]).toBe('layer:1');
    expect([...ids].sort()).toEqual(['layer:0', 'layer:1']);
  });

  it('with the keyboard, returns exactly the chosen target, and nothing before the first arrow', () => {
    const target: { current: UniqueIdentifier | null } = { current: null };
    const detect = collisionForDrag(target);
    expect(detect(args(palette, null))).toEqual([]);
    target.current = 'layer:0';
    expect(detect(args(palette, null)).map((c) => c.id)).toEqual(['layer:0']);
    target.current = 'item:hello';
    expect(detect(args({ kind: 'layer', layerIndex: 0 }, null))).toEqual([]);
  });
});
