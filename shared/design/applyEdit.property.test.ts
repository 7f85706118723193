import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionArb, designArb } from '../testing/arbitraries.ts';
import { deepFreeze, fcParams } from '../testing/fcParams.ts';
import { applyEdit } from './applyEdit.ts';
import type { Design } from './types.ts';
import { validateDesign } from './validateDesign.ts';

const all = (d: Design) => d.layers.flatMap((l) => l.components);
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('applyEdit properties (seeded; replay with FC_SEED=<seed>)', () => {
  it('never mutates, always yields a valid design, loses and duplicates no component, keeps layer order', () => {
    fc.assert(
      fc.property(designArb, actionArb, (design, action) => {
        const before = structuredClone(design);
        const r = applyEdit(deepFreeze(design), action);
        expect(design).toEqual(before);
        if (!r.ok) return;
        const after = r.design;
        expect(validateDesign(after).ok).toBe(true);
        const got = all(after);
        expect(new Set(got).size).toBe(got.length);
        const names = (d: Design) => d.layers.map((l) => l.name);
        switch (action.type) {
          case 'addComponent':
            expect(sorted(got)).toEqual(sorted([...all(before), action.componentId]));
            expect(names(after)).toEqual(names(before));
            break;
          case 'removeComponent': {
            const removed = before.layers[action.layerIndex]?.components[action.index];
            expect(sorted([...got, removed ?? ''])).toEqual(sorted(all(before)));
            expect(names(after)).toEqual(names(before));
            break;
          }
          case 'moveComponent':
          case 'renameLayer':
          case 'setTarget':
            expect(sorted(got)).toEqual(sorted(all(before)));
            if (action.type !== 'renameLayer') expect(names(after)).toEqual(names(before));
            else
              expect(names(after).filter((_, i) => i !== action.layerIndex)).toEqual(
                names(before).filter((_, i) => i !== action.layerIndex),
              );
            break;
          case 'addLayer':
            expect(sorted(got)).toEqual(sorted(all(before)));
            expect(names(after).filter((_, i) => i !== action.index)).toEqual(names(before));
            break;
          case 'moveLayer': {
            expect(sorted(got)).toEqual(sorted(all(before)));
            // Other layers keep their relative order.
            const moved = design.layers[action.from];
            expect(after.layers.filter((l) => l !== moved)).toEqual(
              design.layers.filter((_, i) => i !== action.from),
            );
            expect(after.layers[action.to]).toBe(moved);
            break;
          }
          case 'removeLayer':
            expect(sorted(got)).toEqual(
              sorted(all(before).filter((c) => !before.layers[action.layerIndex]?.components.includes(c))),
            );
            expect(names(after)).toEqual(names(before).filter((_, i) => i !== action.layerIndex));
            break;
          default:
            break;
        }
      }),
      fcParams(300),
    );
  });

  it('a sequence of edits keeps every design valid and component-unique', () => {
    fc.assert(
      fc.property(designArb, fc.array(actionArb, { maxLength: 15 }), (design, actions) => {
        let d = deepFreeze(design);
        for (const a of actions) {
          const r = applyEdit(d, a);
          if (r.ok) d = deepFreeze(r.design);
        }
        expect(validateDesign(d).ok).toBe(true);
        expect(new Set(all(d)).size).toBe(all(d).length);
      }),
      fcParams(100),
    );
  });
});
