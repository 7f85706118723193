import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { describeTarget } from './describeDrag.ts';
import { initialKeyboardTarget, keyboardTargets, stepTarget, targetKey } from './keyboardTargets.ts';

const design = {
  ...emptyDesign(),
  layers: [
    { name: 'base', components: ['lago-grey-base'] },
    { name: 'app', components: ['hello', 'obli-pkg'] },
  ],
};
const palette = { kind: 'palette', componentId: 'tzdata' } as const;

describe('keyboard targets', () => {
  it('lists slots top of the stack first', () => {
    expect(keyboardTargets(design, palette).map(targetKey)).toEqual([
      'new-layer',
      'slot:1:0',
      'slot:1:1',
      'slot:1:2',
      'slot:0:0',
      'slot:0:1',
    ]);
    expect(keyboardTargets(design, { kind: 'layer', layerIndex: 0 }).map(targetKey)).toEqual(['layer:1', 'layer:0']);
  });

  it('skips the slot just after a moved item (the same place as before it)', () => {
    const hello = { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 } as const;
    expect(keyboardTargets(design, hello).map(targetKey)).toEqual(['new-layer', 'slot:1:0', 'slot:1:2', 'slot:0:0', 'slot:0:1']);
  });

  it('starts a palette drag on the base layer of an empty design (what the empty state says), else on the top layer', () => {
    const empty = { ...emptyDesign(), layers: [{ name: 'base', components: [] }, { name: 'apps', components: [] }] };
    expect(initialKeyboardTarget(empty, palette)).toEqual({ kind: 'slot', layerIndex: 0, position: 0 });
    expect(initialKeyboardTarget(design, palette)).toEqual({ kind: 'slot', layerIndex: 1, position: 2 });
  });

  it('steps forward and back, clamped at both ends', () => {
    const t = ['a', 'b', 'c'];
    const k = (s: string) => s;
    expect(stepTarget(t, null, true, k)).toBe('a');
    expect(stepTarget(t, null, false, k)).toBe('c');
    expect(stepTarget(t, 'b', true, k)).toBe('c');
    expect(stepTarget(t, 'c', true, k)).toBe('c');
    expect(stepTarget(t, 'a', false, k)).toBe('a');
    expect(stepTarget([], 'a', true, k)).toBeNull();
  });

  it('describes the target layer and position for announcements', () => {
    expect(describeTarget(design, palette, { kind: 'layer', layerIndex: 0 })).toBe('layer 1 “base”, the bottom layer, position 2 of 2');
    expect(describeTarget(design, palette, { kind: 'slot', layerIndex: 1, position: 1 })).toBe('layer 2 “app”, position 2 of 3');
    const hello = { kind: 'item', componentId: 'hello', layerIndex: 1, index: 0 } as const;
    expect(describeTarget(design, hello, { kind: 'slot', layerIndex: 1, position: 2 })).toBe('layer 2 “app”, position 2 of 2');
    expect(describeTarget(design, palette, { kind: 'new-layer' })).toMatch(/new layer/);
  });
});
