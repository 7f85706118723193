import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { buildBlocker } from './buildBlocker.ts';

const items = staticCatalogItems().map((i) => ({ ...i, available: true }));
const byId = new Map(items.map((i) => [i.id, i]));
const ok = { byId, catalogSource: 'server' as const, serverReachable: true };
const hello = { ...emptyDesign(), layers: [{ name: 'base', components: ['hello'] }] };

describe('buildBlocker', () => {
  it('lets a buildable design build', () => {
    expect(buildBlocker({ ...ok, design: hello })).toBeNull();
  });

  it('says why before the click: empty, planned parts, unavailable parts, no server', () => {
    expect(buildBlocker({ ...ok, design: emptyDesign() })).toMatch(/empty/);
    const planned = {
      ...emptyDesign(),
      planned: [{ id: 'planned:oqs', name: 'liboqs', estimatedBytes: 1000 }],
      layers: [{ name: 'apps', components: ['hello', 'planned:oqs'] }],
    };
    expect(buildBlocker({ ...ok, design: planned })).toBe(
      "“liboqs” (layer 'apps', part 2) is only planned: replace it with a real component to build.",
    );
    const missing = new Map<string, CatalogItem>(byId);
    const h = byId.get('hello');
    if (h) missing.set('hello', { ...h, available: false, unavailableReason: 'zig is not installed' });
    expect(buildBlocker({ ...ok, byId: missing, design: hello })).toMatch(/hello.*cannot be built here: zig is not installed/);
    expect(buildBlocker({ ...ok, serverReachable: false, design: hello })).toMatch(/not reachable/);
  });
});
