import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import { emptyDesign } from '../design/emptyDesign.ts';
import { TEMPLATES } from '../design/templates.ts';
import type { Design } from '../design/types.ts';
import { itemsWith, measuredItem } from '../testing/measuredItem.ts';
import { computeBudget } from './computeBudget.ts';

const seed = (): Design => structuredClone(TEMPLATES[0]!.design);

describe('computeBudget', () => {
  it('sums the seed design from estimates and says so', () => {
    const b = computeBudget(seed(), staticCatalogItems());
    expect(b).toMatchObject({
      totalBytes: 11_635_000,
      targetBytes: 17_500_000,
      remainingBytes: 5_865_000,
      overBudget: false,
      percentOfTarget: 66.5,
      formation: 'iceberg',
      estimated: true,
      unknownComponents: [],
    });
    expect(b.fileCount).toBeUndefined();
    expect(b.layers.map((l) => [l.name, l.bytes])).toEqual([
      ['base', 2_000],
      ['crypto', 11_548_000],
      ['apps', 85_000],
    ]);
    expect(b.layers[1]?.components[2]).toEqual({
      id: 'liboqs',
      name: 'liboqs',
      bytes: 11_000_000,
      estimated: true,
      planned: false,
      unknown: false,
    });
  });

  it('uses measured sizes and file counts when every component is measured', () => {
    const hello = measuredItem('hello', [{ path: '/usr/bin/hello', bytes: 9_120 }]);
    const base = measuredItem('lago-grey-base', [
      { path: '/etc/passwd', bytes: 120 },
      { path: '/etc/group', bytes: 80 },
    ]);
    const d: Design = {
      ...emptyDesign(),
      layers: [
        { name: 'base', components: ['lago-grey-base'] },
        { name: 'app', components: ['hello'] },
      ],
    };
    const b = computeBudget(d, itemsWith(hello, base));
    expect(b).toMatchObject({ totalBytes: 9_320, estimated: false, fileCount: 3, formation: 'floe' });
    expect(b.layers.map((l) => l.fileCount)).toEqual([2, 1]);
  });

  it('omits file counts as soon as one component is unmeasured, but keeps them per measured layer', () => {
    const hello = measuredItem('hello', [{ path: '/usr/bin/hello', bytes: 9_120 }]);
    const d: Design = {
      ...emptyDesign(),
      layers: [
        { name: 'a', components: ['hello'] },
        { name: 'b', components: ['tzdata'] },
        { name: 'c', components: [] },
      ],
    };
    const b = computeBudget(d, itemsWith(hello));
    expect(b.fileCount).toBeUndefined();
    expect(b.layers.map((l) => l.fileCount)).toEqual([1, undefined, 0]);
    expect(b.estimated).toBe(true);
  });

  it('counts planned placeholders by their estimate and unknown refs as 0', () => {
    const d: Design = {
      ...emptyDesign(),
      planned: [{ id: 'planned:api', name: 'My API', estimatedBytes: 20_000_000 }],
      layers: [{ name: 'x', components: ['planned:api', `upload:sha256:${'f'.repeat(64)}`] }],
    };
    const b = computeBudget(d, staticCatalogItems());
    expect(b.totalBytes).toBe(20_000_000);
    expect(b.overBudget).toBe(true);
    expect(b.remainingBytes).toBe(-2_500_000);
    expect(b.percentOfTarget).toBe(114.3);
    expect(b.unknownComponents).toEqual([`upload:sha256:${'f'.repeat(64)}`]);
    expect(b.layers[0]?.components.map((c) => [c.name, c.planned, c.unknown])).toEqual([
      ['My API', true, false],
      [`upload:sha256:${'f'.repeat(64)}`, false, true],
    ]);
  });

  it('handles a zero target', () => {
    expect(computeBudget({ ...emptyDesign(), targetBytes: 0 }, []).percentOfTarget).toBe(0);
    const d: Design = { ...seed(), targetBytes: 0 };
    expect(computeBudget(d, staticCatalogItems())).toMatchObject({
      percentOfTarget: Infinity,
      overBudget: true,
    });
  });

  it('is exactly at budget when total equals target', () => {
    const b = computeBudget({ ...seed(), targetBytes: 11_635_000 }, staticCatalogItems());
    expect(b).toMatchObject({ overBudget: false, remainingBytes: 0, percentOfTarget: 100 });
  });
});
