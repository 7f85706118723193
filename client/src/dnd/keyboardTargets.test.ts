import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { describeTarget } from './describeDrag.ts';
import { keyboardTargets, stepTarget } from './keyboardTargets.ts';

const design = {
  ...emptyDesign(),
  layers: [
    { name: 'base', components: ['lago-grey-base'] },
    { name: 'app', components: ['hello', 'obli-pkg'] },
  ],
};

describe('keyboard targets', () => {
  it('lists targets top of the stack first', () => {
    expect(keyboardTargets(design, { kind: 'palette', componentId: 'tzdata' })).toEqual([
      'new-layer',
      'item:hello',
      'item:obli-pkg',
      'layer:1',
      'item:lago-grey-base',
      'layer:0',
    ]);
    expect(keyboardTargets(design, { kind: 'layer', layerIndex: 0 })).toEqual(['layer:1', 'layer:0']);
  });

  it('steps forward and back, clamped at both ends', () => {
    const t = ['a', 'b', 'c'];
    expect(stepTarget(t, null, true)).toBe('a');
    expect(stepTarget(t, null, false)).toBe('c');
    expect(stepTarget(t, 'b', true)).toBe('c');
    expect(stepTarget(t, 'c', true)).toBe('c');
    expect(stepTarget(t, 'a', false)).toBe('a');
    expect(stepTarget([], 'a', true)).toBeNull();
  });

  it('describes the target layer and position for announcements', () => {
    const palette = { kind: 'palette', componentId: 'tzdata' } as const;
    expect(describeTarget(design, palette, { kind: 'layer', layerIndex: 0 })).toBe(
      'layer 1 “base”, the bottom layer, position 2 of 2',
    );
    expect(describeTarget(design, palette, { kind: 'item', componentId: 'obli-pkg', layerIndex: 1, index: 1 })).toBe(
      'layer 2 “app”, position 2 of 3',
    );
    expect(describeTarget(design, palette, { kind: 'new-layer' })).toMatch(/new layer/);
  });
});
