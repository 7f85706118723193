import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../../shared/design/applyEdit.ts';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import type { Design } from '../../../shared/design/types.ts';
import { newLayerName, resolveDrop } from './resolveDrop.ts';

function twoLayers(): Design {
  return {
    ...emptyDesign(),
    layers: [
      { name: 'base', components: ['lago-grey-base', 'ca-certificates'] },
      { name: 'app', components: ['hello', 'obli-pkg'] },
    ],
  };
}

function apply(design: Design, action: ReturnType<typeof resolveDrop>): Design {
  if (!action) throw new Error('no action');
  const result = applyEdit(design, action);
  if (!result.ok) throw new Error(result.error.message);
  return result.design;
}

const tzdata = { kind: 'palette', componentId: 'tzdata' } as const;

describe('resolveDrop', () => {
  it('inserts a palette component at the slot', () => {
    const d = twoLayers();
    const at = (position: number) => apply(d, resolveDrop(d, tzdata, { kind: 'slot', layerIndex: 1, position })).layers[1]?.components;
    expect(at(0)).toEqual(['tzdata', 'hello', 'obli-pkg']);
    expect(at(1)).toEqual(['hello', 'tzdata', 'obli-pkg']);
    expect(at(2)).toEqual(['hello', 'obli-pkg', 'tzdata']);
  });

  it('appends when dropped on a layer without a slot', () => {
    const d = twoLayers();
    const next = apply(d, resolveDrop(d, tzdata, { kind: 'layer', layerIndex: 0 }));
    expect(next.layers[0]?.components).toEqual(['lago-grey-base', 'ca-certificates', 'tzdata']);
  });

  it('creates a layer on top from the new-layer zone, for palette cards and moved items', () => {
    const d = twoLayers();
    const fromPalette = apply(d, resolveDrop(d, tzdata, { kind: 'new-layer' }));
    expect(fromPalette.layers.at(-1)).toEqual({ name: 'layer-3', components: ['tzdata'] });
    const moved = apply(d, resolveDrop(d, { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 }, { kind: 'new-layer' }));
    expect(moved.layers[1]?.components).toEqual(['obli-pkg']);
    expect(moved.layers.at(-1)).toEqual({ name: 'layer-3', components: ['hello'] });
  });

  it('moves within a layer by slot, and the slots either side of the item change nothing', () => {
    const d = twoLayers();
    const drag = { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 } as const;
    expect(apply(d, resolveDrop(d, drag, { kind: 'slot', layerIndex: 1, position: 2 })).layers[1]?.components).toEqual([
      'obli-pkg',
      'hello',
    ]);
    expect(resolveDrop(d, drag, { kind: 'slot', layerIndex: 1, position: 0 })).toBeNull();
    expect(resolveDrop(d, drag, { kind: 'slot', layerIndex: 1, position: 1 })).toBeNull();
  });

  it('moves an item into another layer at a slot', () => {
    const d = twoLayers();
    const drag = { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 } as const;
    const next = apply(d, resolveDrop(d, drag, { kind: 'slot', layerIndex: 0, position: 1 }));
    expect(next.layers[0]?.components).toEqual(['lago-grey-base', 'hello', 'ca-certificates']);
    expect(next.layers[1]?.components).toEqual(['obli-pkg']);
  });

  it('reorders layers, and ignores layers dropped on the new-layer zone', () => {
    const d = twoLayers();
    const next = apply(d, resolveDrop(d, { kind: 'layer', layerIndex: 0 }, { kind: 'layer', layerIndex: 1 }));
    expect(next.layers.map((l) => l.name)).toEqual(['app', 'base']);
    expect(resolveDrop(d, { kind: 'layer', layerIndex: 0 }, { kind: 'new-layer' })).toBeNull();
  });

  it('picks a layer name that is free', () => {
    const d = { ...twoLayers(), layers: [...twoLayers().layers, { name: 'layer-3', components: [] }] };
    expect(newLayerName(d)).toBe('layer-4');
  });
});
