import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import { emptyDesign } from '../design/emptyDesign.ts';
import { TEMPLATES } from '../design/templates.ts';
import type { Design } from '../design/types.ts';
import { itemsWith, measuredItem } from '../testing/measuredItem.ts';
import { layerWaste } from './layerWaste.ts';

const design = (layers: string[][]): Design => ({
  ...emptyDesign(),
  layers: layers.map((components, i) => ({ name: `l${i}`, components })),
});

describe('layerWaste (dive formulas)', () => {
  it('is perfectly efficient when no path repeats', () => {
    expect(layerWaste(TEMPLATES[0]!.design, staticCatalogItems())).toEqual({
      efficiency: 1,
      wastedBytes: 0,
      userWastedPercent: 0,
      paths: [],
    });
  });

  it('is 1 for an image with nothing in it', () => {
    expect(layerWaste(emptyDesign(), [])).toMatchObject({
      efficiency: 1,
      wastedBytes: 0,
      userWastedPercent: 0,
    });
  });

  it('counts a path in two layers: cumulative, min, Σmin/Σcumulative and user waste', () => {
    // hello (layer 0) and obli-pkg (layer 1) both ship /usr/bin/tool; obli-pkg also ships its own binary.
    const hello = measuredItem('hello', [
      { path: '/usr/bin/hello', bytes: 1_000 },
      { path: '/usr/bin/tool', bytes: 300 },
    ]);
    const obli = measuredItem('obli-pkg', [
      { path: '/usr/bin/obli-pkg', bytes: 500 },
      { path: '/usr/bin/tool', bytes: 200 },
    ]);
    const w = layerWaste(design([['hello'], ['obli-pkg']]), itemsWith(hello, obli));
    // Σcumulative = 1000 + 500 + (300 + 200) = 2000; Σmin = 1000 + 500 + 200 = 1700.
    expect(w.efficiency).toBeCloseTo(1700 / 2000, 12);
    expect(w.wastedBytes).toBe(500);
    // Layers after the first hold 700 bytes.
    expect(w.userWastedPercent).toBeCloseTo(500 / 700, 12);
    expect(w.paths).toEqual([{ path: '/usr/bin/tool', layers: [0, 1], cumulativeBytes: 500, minBytes: 200 }]);
  });

  it('does not count a path written twice inside one layer as layer waste (the later copy wins)', () => {
    const hello = measuredItem('hello', [{ path: '/usr/bin/tool', bytes: 300 }]);
    const obli = measuredItem('obli-pkg', [{ path: '/usr/bin/tool', bytes: 200 }]);
    const w = layerWaste(design([['hello', 'obli-pkg']]), itemsWith(hello, obli));
    expect(w).toEqual({ efficiency: 1, wastedBytes: 0, userWastedPercent: 0, paths: [] });
  });

  it('splits an unmeasured component’s estimate evenly over its declared paths', () => {
    // libargon2 (42 KB, two declared paths) in layer 0 and a measured hello that also ships argon2.h in layer 1.
    const hello = measuredItem('hello', [{ path: '/usr/include/argon2.h', bytes: 1_000 }]);
    const w = layerWaste(design([['libargon2'], ['hello']]), itemsWith(hello));
    expect(w.paths).toEqual([
      { path: '/usr/include/argon2.h', layers: [0, 1], cumulativeBytes: 22_000, minBytes: 1_000 },
    ]);
    expect(w.wastedBytes).toBe(22_000);
    expect(w.efficiency).toBeCloseTo((21_000 + 1_000) / (21_000 + 22_000), 12);
  });
});
