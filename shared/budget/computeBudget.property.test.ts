import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../catalog/types.ts';
import { designArb } from '../testing/arbitraries.ts';
import { fcParams } from '../testing/fcParams.ts';
import { computeBudget } from './computeBudget.ts';

/** Catalog items with arbitrary sizes, some measured. */
const itemsArb: fc.Arbitrary<CatalogItem[]> = fc
  .array(fc.record({ bytes: fc.integer({ min: 0, max: 200_000_000 }), measured: fc.boolean() }), {
    minLength: staticCatalogItems().length,
    maxLength: staticCatalogItems().length,
  })
  .map((sizes) =>
    staticCatalogItems().map((item, i) => {
      const s = sizes[i] ?? { bytes: 0, measured: false };
      return {
        ...item,
        sizeBytes: s.bytes,
        sizeIsEstimate: !s.measured,
        ...(s.measured && { fileCount: 1 }),
      };
    }),
  );

describe('computeBudget properties (seeded; replay with FC_SEED=<seed>)', () => {
  it('total = Σ layer totals = Σ component sizes, and the derived fields agree', () => {
    fc.assert(
      fc.property(designArb, itemsArb, (design, items) => {
        const b = computeBudget(design, items);
        const layerSum = b.layers.reduce((n, l) => n + l.bytes, 0);
        const byId = new Map(items.map((i) => [i.id, i.sizeBytes]));
        const plannedById = new Map((design.planned ?? []).map((p) => [p.id, p.estimatedBytes]));
        const componentSum = design.layers
          .flatMap((l) => l.components)
          .reduce((n, ref) => n + (byId.get(ref) ?? plannedById.get(ref) ?? 0), 0);
        expect(b.totalBytes).toBe(layerSum);
        expect(b.totalBytes).toBe(componentSum);
        for (const l of b.layers) expect(l.bytes).toBe(l.components.reduce((n, c) => n + c.bytes, 0));
        expect(b.remainingBytes).toBe(design.targetBytes - b.totalBytes);
        expect(b.overBudget).toBe(b.totalBytes > design.targetBytes);
        expect(b.layers.map((l) => l.name)).toEqual(design.layers.map((l) => l.name));
        expect(b.estimated).toBe(b.layers.some((l) => l.components.some((c) => c.estimated)));
      }),
      fcParams(300),
    );
  });
});
